package dev.parley.bench.internal;

import dev.parley.bench.load.LoadResult;
import java.io.PrintStream;
import java.util.List;

/** Prints bench runs for people: one block per run, a table for a sweep. */
final class BenchReport {
    private final PrintStream out;

    BenchReport(PrintStream out) {
        this.out = out;
    }

    void print(BenchPoint point) {
        LoadResult l = point.load();
        RelaySide.Figures r = point.relay();
        out.printf("%d participants, %.1f s measured%n", l.clients(), l.seconds());
        out.printf("  delivered     %.4f of %,d video frames owed to the %d that keep up; %.1f fps per stream (lowest %.1f)%n",
                l.delivered(), l.owed(), l.fast(), l.streamFpsMean(), l.streamFpsMin());
        out.printf("  latency       %s%n", latency(l.latency()));
        if (l.audioLatency().length > 0) {
            out.printf("  audio         %.4f delivered; %s%n", l.audioDelivered(), latency(l.audioLatency()));
        }
        if (l.slow() > 0) {
            out.printf("  slow readers  %d at %.1f fps each; %s%n", l.slow(), l.slowFps(), latency(l.slowLatency()));
        }
        if (l.stalled() > 0) out.printf("  stalled       %d, never reading%n", l.stalled());
        out.printf("  replaced      %s for those that keep up, %s for slow and stalled readers (newest-wins); lost otherwise %s%n",
                count(r.replacedForFast()), count(r.replacedForOthers()), count(point.lostForFast()));
        out.printf("  integrity     %d corrupt or misattributed, %d out of order; %d frames not sent because the relay was not reading%n",
                l.corrupt(), l.outOfOrder(), l.sendSkipped());
        out.printf("  disconnects   %d seen by participants; relay dropped %s too slow, %s idle, %s for protocol errors; relay errors %s%n",
                l.disconnected(), count(r.tooSlow()), count(r.idle()), count(r.protocolErrors()), count(r.relayErrors()));
        out.printf("  relay         %s CPU (event loops %s), %s per delivered GB (%.2f GB/s), peak resident %s%n",
                cores(r.processCpu()), cores(r.loopCpu()),
                point.cpuSecondsPerGigabyte() < 0 ? "n/a" : String.format("%.3f CPU-s", point.cpuSecondsPerGigabyte()),
                l.deliveredBytes() / 1e9, r.peakResidentBytes() < 0 ? "n/a" : (r.peakResidentBytes() >> 20) + " MiB");
        out.printf("  bench         %s CPU in its own process%n", cores(l.benchCpu()));
        if (point.failed()) {
            for (String f : point.failures()) out.println("  FAILED: " + f);
        } else {
            out.println("  PASSED: no disconnects, no relay errors, no corrupt frames");
        }
        out.flush();
    }

    void table(List<BenchPoint> points, double ceilingBytesPerSecond, int frameBytes, int fps) {
        out.println();
        out.println("| clients | delivered | loopback ceiling | p50 ms | p99 ms | max ms | relay CPU | bench CPU | relay CPU-s/GB | disconnects | relay errors |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (BenchPoint p : points) {
            LoadResult l = p.load();
            out.printf("| %d | %.4f | %s | %.1f | %.1f | %.0f | %s | %s | %s | %d | %s |%n", l.clients(), l.delivered(),
                    ceilingBytesPerSecond <= 0 ? "n/a" : String.format("%.3f", LoopbackCeiling.ratio(ceilingBytesPerSecond, l.clients(), frameBytes, fps)),
                    l.latency()[0], l.latency()[1], l.latency()[2], cores(p.relay().processCpu()), cores(l.benchCpu()),
                    p.cpuSecondsPerGigabyte() < 0 ? "n/a" : String.format("%.3f", p.cpuSecondsPerGigabyte()),
                    l.disconnected(), count(p.relay().relayErrors()));
        }
        out.flush();
    }

    private static String latency(double[] v) {
        if (v.length < 3 || v[0] < 0) return "no samples";
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.0f ms", v[0], v[1], v[2]);
    }

    private static String count(long v) {
        return v < 0 ? "n/a" : String.format("%,d", v);
    }

    private static String cores(double v) {
        return v < 0 ? "n/a" : String.format("%.2f cores", v);
    }
}
