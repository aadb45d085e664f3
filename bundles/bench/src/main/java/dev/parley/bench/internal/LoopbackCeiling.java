package dev.parley.bench.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What loopback TCP itself can carry on this machine, in this sitting, measured with iperf3 (four streams, the
 * bench's frame size as the write size): no relay delivers more, so a sweep marks it beside the relay's figures.
 */
final class LoopbackCeiling {
    private static final Pattern RECEIVED = Pattern.compile(
            "\"sum_received\"\\s*:\\s*\\{[^}]*?\"bits_per_second\"\\s*:\\s*([0-9.eE+]+)", Pattern.DOTALL);

    private LoopbackCeiling() {
    }

    /** Bytes per second, or -1 when iperf3 is not installed or failed; {@code why} gets the reason. */
    static double measure(int writeBytes, StringBuilder why) {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (IOException e) {
            why.append(e.getMessage());
            return -1;
        }
        Process server = null;
        try {
            server = new ProcessBuilder("iperf3", "-s", "-1", "-B", "127.0.0.1", "-p", "" + port)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(300);
            Process client = new ProcessBuilder("iperf3", "-c", "127.0.0.1", "-p", "" + port, "-t", "4", "-P", "4",
                    "-l", "" + writeBytes, "-J").redirectErrorStream(true).start();
            String json = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!client.waitFor(20, TimeUnit.SECONDS) || client.exitValue() != 0) {
                why.append("iperf3 failed");
                return -1;
            }
            Matcher m = RECEIVED.matcher(json);
            if (!m.find()) {
                why.append("iperf3 printed no sum_received");
                return -1;
            }
            return Double.parseDouble(m.group(1)) / 8;
        } catch (IOException e) {
            why.append("iperf3 is not installed (apt-get install iperf3)");
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why.append("interrupted");
            return -1;
        } finally {
            if (server != null) server.destroy();
        }
    }

    /** The share of an all-to-all room's video that loopback could carry: 1 while it fits. */
    static double ratio(double bytesPerSecond, int clients, int frameBytes, int fps) {
        double needed = (double) clients * (clients - 1) * frameBytes * fps;
        return Math.min(1.0, bytesPerSecond / needed);
    }
}
