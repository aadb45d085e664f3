package dev.parley.bench.internal;

import dev.parley.api.call.RelayStatus;
import dev.parley.bench.load.LoadPlan;
import dev.parley.bench.load.LoadResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code parley bench}: one load run, or one per size of a sweep, each in a process of its own against the relay,
 * with the relay's own figures over the same window; a report per run, a table, a chart and a loopback ceiling
 * for a sweep, JSON on request.
 */
final class BenchRun {
    private final BenchConfig config;
    private final RelayStatus relay;
    private final LoadProcess load;
    private final PrintStream out;
    private final PrintStream progress;

    /**
     * @param relay    the relay of this process, or null when {@code config.server()} names another
     * @param benchJar the jar this bundle came from: the load process runs from it and the jars beside it
     */
    BenchRun(BenchConfig config, RelayStatus relay, Path benchJar, PrintStream out, PrintStream progress) {
        this.config = config;
        this.relay = relay;
        this.load = new LoadProcess(benchJar);
        this.out = out;
        this.progress = progress;
    }

    /** Runs everything asked for; true when every run passed. */
    boolean run() throws IOException, InterruptedException {
        List<Integer> sizes = Sweep.parse(config.sweep(), config.clients());
        String host = "127.0.0.1";
        int port;
        ProcessFigures relayProcess;
        if (config.server().isBlank()) {
            if (relay == null) throw new IllegalStateException("no relay in this process and no --server to load");
            port = relay.port();
            relayProcess = ProcessFigures.self();
        } else {
            host = config.server();
            port = config.serverPort();
            relayProcess = config.relayPid() > 0 ? new ProcessFigures(config.relayPid()) : null;
        }
        // Our own relay: TLS as it runs, trusting exactly its certificate. Another: as configured, trusting what it shows.
        boolean tls = config.server().isBlank() ? !relay.certificateFingerprint().isEmpty() : config.tls();
        String trust = config.server().isBlank() ? relay.certificateFingerprint() : "";
        double ceiling = -1;
        if (sizes.size() > 1) {
            StringBuilder why = new StringBuilder();
            ceiling = LoopbackCeiling.measure(config.frameBytes(), why);
            progress.println(ceiling > 0 ? String.format("[bench] loopback ceiling (iperf3, 4 streams): %.2f GB/s", ceiling / 1e9)
                    : "[bench] no loopback ceiling: " + why);
        }
        List<BenchPoint> points = new ArrayList<>();
        BenchReport report = new BenchReport(out);
        if (!config.json()) {
            out.printf("Parley bench against %s:%d (%s): %d-byte video at %d fps from every participant%s; %d s warm-up, %d s measured%n",
                    host, port, tls ? "TLS 1.3" : "plaintext", config.frameBytes(), config.fps(),
                    config.audio() ? ", audio every 20 ms" : "", config.warmupSeconds(), config.seconds());
        }
        for (int n : sizes) {
            int stalled = Math.max(0, Math.min(config.stalled(), n - 1));
            int slow = Math.max(0, Math.min(config.slow(), n - 1 - stalled));
            LoadPlan plan = new LoadPlan(host, port, "bench-" + n + "-" + System.nanoTime() % 10_000, n, slow,
                    config.slowFps(), stalled, config.fps(), config.frameBytes(), config.audio(), config.warmupSeconds(),
                    config.seconds(), tls, trust);
            RelaySide side = new RelaySide(config.server().isBlank() ? relay : null, relayProcess);
            LoadResult result = load.run(plan.toArgs(), side, progress);
            BenchPoint point = BenchPoint.of(result, side.figures());
            if (!config.json()) report.print(point);
            points.add(point);
            if (sizes.size() > 1) Thread.sleep(2000); // let the relay see the last run's participants go
        }
        if (sizes.size() > 1 && !config.json()) report.table(points, ceiling, config.frameBytes(), config.fps());
        if (sizes.size() > 1) {
            Path chart = Path.of(config.chart()).toAbsolutePath();
            BenchChart.draw(chart, points, ceiling, config.frameBytes(), config.fps(),
                    String.format("Parley relay: %d KB video at %d fps, all to all, 2 cores", config.frameBytes() / 1000, config.fps()));
            progress.println("[bench] chart written to " + chart);
        }
        if (config.json()) {
            List<Json> runs = new ArrayList<>();
            for (BenchPoint p : points) runs.add(p.toJson());
            out.println(new Json().put("frameBytes", config.frameBytes()).put("fps", config.fps())
                    .put("loopbackCeilingBytesPerSecond", ceiling > 0 ? ceiling : null).put("runs", runs));
        }
        out.flush();
        return points.stream().noneMatch(BenchPoint::failed);
    }
}
