package dev.parley.bench.internal;

import java.io.PrintStream;
import java.util.List;

/** Prints what a bench window measured, receivers that keep up apart from the slow ones. */
final class BenchReport {
    private final PrintStream out;

    BenchReport(PrintStream out) {
        this.out = out;
    }

    void print(List<LoadClient> clients, List<LoadClient.Window> windows, double seconds, double relayCpu, long replaced) {
        int n = clients.size();
        long sentTotal = 0;
        for (LoadClient.Window w : windows) sentTotal += w.sent.get();
        long corrupt = 0;
        out.printf("measured %.1f s; relay CPU %.0f %% of one core%n", seconds, relayCpu * 100);
        for (boolean slow : new boolean[] {false, true}) {
            long received = 0;
            long expected = 0;
            int count = 0;
            LatencySamples latency = new LatencySamples();
            for (int i = 0; i < n; i++) {
                LoadClient c = clients.get(i);
                LoadClient.Window w = windows.get(i);
                corrupt += slow ? 0 : w.corrupt.get();
                if (c.slow != slow) continue;
                if (slow) corrupt += w.corrupt.get();
                count++;
                received += w.received.get();
                expected += sentTotal - w.sent.get();
                latency.addAll(w.latency);
            }
            if (count == 0) continue;
            double perStream = received / seconds / count / (n - 1);
            out.printf("%-15s %3d  delivery %5.1f %%  %5.1f fps per stream  %6.1f fps in all  latency p50 %.1f ms p99 %.1f ms%n",
                    slow ? "slow readers" : "keeping up", count, 100.0 * received / Math.max(1, expected), perStream,
                    received / seconds / count, latency.percentile(50) / 1000.0, latency.percentile(99) / 1000.0);
        }
        out.printf("video replaced by newer frames at the relay: %d; corrupt or misattributed frames: %d%n", replaced, corrupt);
        out.flush();
    }
}
