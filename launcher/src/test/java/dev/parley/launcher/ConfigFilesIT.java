package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.BlockingWireClient;
import dev.parley.protocol.Messages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Settings files as a user edits them in a running distribution: a value edited in {@code config/} takes effect, a
 * {@code PID.cfg} dropped into {@code plugins/} overrides single keys and leaves the rest (the command line's port
 * among them), and removing it brings {@code config/}'s value back. The relay's {@code videoWindow}, which every
 * client reads in its WELCOME, shows which value is in force.
 */
class ConfigFilesIT {
    @Test
    void settingsFromTheCommandLineConfigAndPluginsMergeWithOnePrecedenceAndApplyWhileRunning() throws Exception {
        Path dist = ParleyProcess.copyOfDistribution();
        Path cfg = dist.resolve("config/parley.relay.cfg");
        Files.writeString(cfg, Files.readString(cfg).replace("videoWindow = 4", "videoWindow = 5"));
        int port = ParleyProcess.freePort();
        try (ParleyProcess relay = ParleyProcess.startIn(dist, "relay", "server", "--port", String.valueOf(port), "--host", "127.0.0.1")) {
            relay.awaitContaining("ready: relay listening on port " + port);
            assertEquals(5, windowOf(port), "config/ at start");

            // A file in plugins/ with one key: that key changes, the rest (the port from the command line) stays.
            Files.writeString(dist.resolve("plugins/parley.relay.cfg"), "videoWindow = 9\n");
            awaitWindow(port, 9);

            // Edited in config/ while running: plugins/ still wins for the key it sets.
            Files.writeString(cfg, Files.readString(cfg).replace("videoWindow = 5", "videoWindow = 6"));
            Thread.sleep(1500);
            assertEquals(9, windowOf(port));

            // Gone from plugins/: config/'s value is in force again.
            Files.delete(dist.resolve("plugins/parley.relay.cfg"));
            awaitWindow(port, 6);
        }
    }

    private static int windowOf(int port) throws Exception {
        try (BlockingWireClient c = TestTls.connect(port, 5000)) {
            Messages.Welcome w = c.join("probe", "settings");
            return w.videoWindow();
        }
    }

    private static void awaitWindow(int port, int expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int seen = -1;
        while (System.nanoTime() < deadline) {
            seen = windowOf(port);
            if (seen == expected) return;
            Thread.sleep(200);
        }
        assertEquals(expected, seen, "the relay's videoWindow after the edit");
    }
}
