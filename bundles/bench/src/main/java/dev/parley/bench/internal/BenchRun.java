package dev.parley.bench.internal;

import dev.parley.api.call.RelayStatus;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One bench run: connect the load, warm up, measure a window, print the report. */
final class BenchRun {
    private final BenchConfig config;
    private final RelayStatus relay;
    private final PrintStream out;

    BenchRun(BenchConfig config, RelayStatus relay, PrintStream out) {
        this.config = config;
        this.relay = relay;
        this.out = out;
    }

    void run() throws IOException, InterruptedException {
        int n = Math.max(2, config.clients());
        int slow = Math.max(0, Math.min(n - 1, config.slow()));
        out.printf("Parley bench: %d participants (%d reading only %d fps), %d-byte video frames at %d fps each%n",
                n, slow, config.slowFps(), config.frameBytes(), config.fps());
        List<LoadClient> clients = new ArrayList<>();
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "parley-bench-pacer");
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < n; i++) clients.add(new LoadClient(i, i >= n - slow, config.slowFps(), relay.port()));
            long period = 1_000_000_000L / Math.max(1, config.fps());
            for (LoadClient c : clients) {
                pacer.scheduleAtFixedRate(() -> {
                    try {
                        c.sendVideo(config.frameBytes());
                    } catch (IOException e) {
                        throw new IllegalStateException("participant " + c.index + " lost its connection", e);
                    }
                }, period * c.index / n, period, TimeUnit.NANOSECONDS);
            }
            Thread.sleep(config.warmupSeconds() * 1000L);

            ThreadCpu relayCpu = new ThreadCpu("parley-relay");
            long cpuBefore = relayCpu.nanos();
            long replacedBefore = replaced();
            long start = System.nanoTime();
            for (LoadClient c : clients) c.window = new LoadClient.Window();
            Thread.sleep(config.seconds() * 1000L);
            List<LoadClient.Window> windows = new ArrayList<>();
            for (LoadClient c : clients) {
                windows.add(c.window);
                c.window = null;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (relayCpu.nanos() - cpuBefore) / 1e9 / seconds;
            new BenchReport(out).print(clients, windows, seconds, cpu, replaced() - replacedBefore);
        } finally {
            pacer.shutdownNow();
            for (LoadClient c : clients) c.close();
        }
    }

    private long replaced() {
        long total = 0;
        for (RelayStatus.MemberStats m : relay.members()) total += m.videoReplaced();
        return total;
    }
}
