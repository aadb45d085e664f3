package dev.parley.bench.internal;

import dev.parley.bench.load.LoadResult;
import java.util.ArrayList;
import java.util.List;

/**
 * One bench run: what the participants measured, what the relay did, and why the run failed, if it did. A run fails
 * when the relay disconnected anyone, broke a connection, logged an error of its own, or delivered a corrupt frame:
 * those are bugs, never the machine's limit.
 */
record BenchPoint(LoadResult load, RelaySide.Figures relay, List<String> failures) {

    static BenchPoint of(LoadResult load, RelaySide.Figures relay) {
        List<String> failures = new ArrayList<>();
        if (load.disconnected() > 0) failures.add(load.disconnected() + " participants lost their connection");
        if (relay.tooSlow() > 0) failures.add("the relay disconnected " + relay.tooSlow() + " participants as too slow");
        if (relay.idle() > 0) failures.add("the relay disconnected " + relay.idle() + " participants as idle");
        if (relay.protocolErrors() > 0) failures.add("the relay closed " + relay.protocolErrors() + " connections for protocol errors");
        if (relay.relayErrors() > 0) failures.add("the relay logged " + relay.relayErrors() + " errors of its own (see its log)");
        if (load.corrupt() > 0) failures.add(load.corrupt() + " corrupt or misattributed frames");
        if (load.outOfOrder() > 0) failures.add(load.outOfOrder() + " frames out of order or twice");
        for (String e : load.errors()) failures.add("ERROR from the relay to " + e);
        return new BenchPoint(load, relay, List.copyOf(failures));
    }

    boolean failed() {
        return !failures.isEmpty();
    }

    /** Relay CPU-seconds per GB delivered to the participants, or -1 when either is unknown. */
    double cpuSecondsPerGigabyte() {
        if (relay.processCpu() < 0 || load.deliveredBytes() <= 0) return -1;
        return relay.processCpu() / (load.deliveredBytes() / 1e9);
    }

    /** Frames owed to the participants that keep up that neither arrived nor were replaced by newer ones at the relay. */
    long lostForFast() {
        if (relay.replacedForFast() < 0) return -1;
        return Math.max(0, load.owed() - load.arrived() - relay.replacedForFast());
    }

    Json toJson() {
        LoadResult l = load;
        return new Json()
                .put("clients", l.clients()).put("fast", l.fast()).put("slow", l.slow()).put("stalled", l.stalled())
                .put("seconds", l.seconds()).put("sentVideo", l.sentVideo())
                .put("owed", l.owed()).put("arrived", l.arrived()).put("delivered", l.delivered()).put("streamFpsMean", l.streamFpsMean()).put("streamFpsMin", l.streamFpsMin())
                .put("latencyMillis", latency(l.latency()))
                .put("audio", l.audioLatency().length == 0 ? null
                        : new Json().put("delivered", l.audioDelivered()).put("latencyMillis", latency(l.audioLatency())))
                .put("slowReaders", l.slow() == 0 ? null
                        : new Json().put("fps", l.slowFps()).put("latencyMillis", latency(l.slowLatency())))
                .put("replacedForFast", relay.replacedForFast()).put("replacedForSlowAndStalled", relay.replacedForOthers())
                .put("lostForFast", lostForFast())
                .put("corrupt", l.corrupt()).put("outOfOrder", l.outOfOrder()).put("sendSkipped", l.sendSkipped())
                .put("disconnected", l.disconnected())
                .put("relayDisconnected", new Json().put("tooSlow", relay.tooSlow()).put("idle", relay.idle())
                        .put("protocolErrors", relay.protocolErrors()))
                .put("relayErrors", relay.relayErrors())
                .put("deliveredBytesPerSecond", l.deliveredBytes())
                .put("relayCpuCores", relay.processCpu()).put("relayLoopCpuCores", relay.loopCpu())
                .put("relayCpuSecondsPerGB", cpuSecondsPerGigabyte())
                .put("relayPeakResidentBytes", relay.peakResidentBytes())
                .put("benchCpuCores", l.benchCpu())
                .put("failures", failures);
    }

    private static Json latency(double[] v) {
        if (v.length < 3) return null;
        return new Json().put("p50", v[0]).put("p99", v[1]).put("max", v[2]);
    }
}
