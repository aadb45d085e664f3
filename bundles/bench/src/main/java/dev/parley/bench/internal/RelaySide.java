package dev.parley.bench.internal;

import dev.parley.api.call.RelayStatus;
import dev.parley.bench.load.LoadNames;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The relay's own figures over a load process's measuring window: CPU of the relay's process and of its event
 * loops, peak resident memory, frames its newest-wins queues replaced, and what it counted as disconnects and
 * errors. For a relay in another process only CPU and memory are known (by its process id), the rest is -1.
 */
final class RelaySide implements LoadProcess.Window {
    /** What the relay did in one window. */
    record Figures(double processCpu, double loopCpu, long peakResidentBytes, long replacedForFast, long replacedForOthers,
                   long tooSlow, long idle, long protocolErrors, long relayErrors) {
    }

    private final RelayStatus relay;
    private final ProcessFigures process;
    private final ThreadCpu loops = new ThreadCpu("parley-relay");
    private ScheduledExecutorService sampler;
    private volatile long peakRss;
    private long cpuStart;
    private long loopStart;
    private long startNanos;
    private long[] replacedStart;
    private RelayStatus.Totals totalsStart;
    private Figures figures;

    /**
     * @param relay   the relay of this process, or null for one elsewhere
     * @param process the relay's process, or null when it is elsewhere and its id was not given
     */
    RelaySide(RelayStatus relay, ProcessFigures process) {
        this.relay = relay;
        this.process = process == null ? new ProcessFigures(-1) : process;
    }

    @Override
    public void opened() {
        peakRss = process.residentBytes();
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-bench-rss");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> peakRss = Math.max(peakRss, process.residentBytes()), 200, 200, TimeUnit.MILLISECONDS);
        startNanos = System.nanoTime();
        cpuStart = process.cpuNanos();
        loopStart = relay == null ? 0 : loops.nanos();
        replacedStart = replaced();
        totalsStart = relay == null ? null : relay.totals();
    }

    @Override
    public void closed() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long cpu = process.cpuNanos();
        double processCpu = cpu < 0 || cpuStart < 0 ? -1 : (cpu - cpuStart) / 1e9 / seconds;
        double loopCpu = relay == null ? -1 : (loops.nanos() - loopStart) / 1e9 / seconds;
        long[] replacedEnd = replaced();
        sampler.shutdownNow();
        RelayStatus.Totals t = relay == null ? null : relay.totals();
        figures = new Figures(processCpu, loopCpu, peakRss,
                relay == null ? -1 : replacedEnd[0] - replacedStart[0], relay == null ? -1 : replacedEnd[1] - replacedStart[1],
                t == null ? -1 : t.tooSlow() - totalsStart.tooSlow(), t == null ? -1 : t.idle() - totalsStart.idle(),
                t == null ? -1 : t.protocolErrors() - totalsStart.protocolErrors(),
                t == null ? -1 : t.relayErrors() - totalsStart.relayErrors());
    }

    /** The window's figures, once it closed; disconnects and errors counted up to now, not just in the window. */
    Figures figures() {
        if (figures == null || relay == null) return figures;
        RelayStatus.Totals t = relay.totals();
        return new Figures(figures.processCpu(), figures.loopCpu(), figures.peakResidentBytes(), figures.replacedForFast(),
                figures.replacedForOthers(), t.tooSlow() - totalsStart.tooSlow(), t.idle() - totalsStart.idle(),
                t.protocolErrors() - totalsStart.protocolErrors(), t.relayErrors() - totalsStart.relayErrors());
    }

    /** Frames replaced so far for the participants that keep up, and for the slow and stalled ones. */
    private long[] replaced() {
        long[] r = new long[2];
        if (relay == null) return r;
        for (RelayStatus.MemberStats m : relay.members()) {
            if (LoadNames.indexOf(m.name()) < 0) continue;
            r[LoadNames.keepsUp(m.name()) ? 0 : 1] += m.videoReplaced();
        }
        return r;
    }
}
