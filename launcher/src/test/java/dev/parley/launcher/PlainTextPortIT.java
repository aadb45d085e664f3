package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.BlockingWireClient;
import dev.parley.protocol.Frame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Stage 2 with the lab's own chat clients: a line-based socket, as {@code nc HOST 9999} opens, on the relay. */
class PlainTextPortIT {
    @Test
    void aLineClientOnStageTwosPlainTextPortChatsWithParleyParticipantsBothWays() throws Exception {
        int relayPort = ParleyProcess.freePort();
        int textPort = ParleyProcess.freePort();
        // A copy whose stage 2 opens a free port rather than the lab's 9999, which another program may hold.
        Path dist = ParleyProcess.copyOfDistribution();
        Path stage2 = dist.resolve("config/stages/parley.stage-2.cfg");
        Files.writeString(stage2, Files.readString(stage2).replace("plainTextPort = 9999", "plainTextPort = " + textPort));
        // The lab's plain-text port sends chat in the clear: it opens only in a --plaintext session.
        try (ParleyProcess relay = ParleyProcess.startIn(dist, "relay", "stage", "2", "--serve", "--port",
                String.valueOf(relayPort), "--host", "127.0.0.1", "--plaintext");
             ParleyProcess alice = ParleyProcess.startIn(dist, "alice", "stage", "2", "--server", "127.0.0.1:" + relayPort,
                     "--name", "alice", "--plaintext")) {
            relay.awaitContaining("plain-text chat on port " + textPort);
            relay.awaitContaining("ready: relay listening on port " + relayPort);
            alice.await("being connected", ParleyProcess::saysConnected);

            try (LineClient nc = new LineClient(textPort)) {
                String welcome = nc.await(l -> l.startsWith("* welcome to room lobby: you are "));
                String me = welcome.substring(welcome.indexOf("you are ") + 8, welcome.indexOf(';'));
                assertTrue(me.matches("\\d+ nc-\\d+"), welcome);
                nc.await(l -> l.matches("\\* \\d+ alice joined"));
                alice.awaitContaining("* " + me + " joined");

                nc.send("hello from the lab's chat client");
                alice.await("the nc line", l -> l.endsWith(me + ": hello from the lab's chat client"));
                nc.send("héllo ✓ in UTF-8");
                alice.await("the UTF-8 line", l -> l.endsWith(me + ": héllo ✓ in UTF-8"));

                alice.type("hello nc, this is alice");
                nc.await(l -> l.matches("\\d+ alice: hello nc, this is alice"));

                // A line over 4 KiB is refused out loud, and the next line goes through.
                nc.send("x".repeat(5000));
                nc.send("a short line after the long one");
                nc.await(l -> l.equals("* that line was longer than 4096 bytes and was not sent"));
                alice.await("the line after the long one", l -> l.endsWith(me + ": a short line after the long one"));
                assertTrue(alice.lines().stream().noneMatch(l -> l.contains("xxxxxxxx")), "the long line went through");
            }
            alice.awaitContaining(" left (connection lost)");
        }
    }

    @Test
    void aLineClientThatNeverReadsIsDisconnectedWithALogLineWhileAnotherKeepsGettingEveryLine() throws Exception {
        int relayPort = ParleyProcess.freePort();
        int textPort = ParleyProcess.freePort();
        int lines = 20_000;
        // The talker sends as fast as it can: without a fair-share limit on chat, so only the reader is tested.
        Path dist = ParleyProcess.copyOfDistribution();
        Path cfg = dist.resolve("config/parley.relay.cfg");
        Files.writeString(cfg, Files.readString(cfg).replace("textMessagesPerSecond = 20", "textMessagesPerSecond = 0")
                .replace("textBytesPerSecond = 65536", "textBytesPerSecond = 0"));
        try (ParleyProcess relay = ParleyProcess.startIn(dist, "relay", "server", "--port", String.valueOf(relayPort),
                "--host", "127.0.0.1", "--plaintext", "--text-port", String.valueOf(textPort));
             Socket stalled = new Socket()) {
            relay.awaitContaining("ready: relay listening on port " + relayPort);
            relay.awaitLog("Plain-text chat listening");
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", textPort));
            try (LineClient reader = new LineClient(textPort);
                 BlockingWireClient talker = BlockingWireClient.connect("127.0.0.1", relayPort, 10_000)) {
                reader.await(l -> l.startsWith("* welcome"));
                talker.join("talker", "lobby");
                reader.await(l -> l.matches("\\* \\d+ talker joined"));
                String filler = "y".repeat(900);
                for (int i = 0; i < lines; i++) talker.send(Frame.text(0, i, 0, "line " + i + " " + filler));
                relay.awaitLog("reads too slowly");
                reader.await(l -> l.matches("\\d+ talker: line " + (lines - 1) + " y+"));
                assertEquals(lines, reader.count(l -> l.matches("\\d+ talker: line \\d+ y+")), "the healthy reader lost lines");
            }
            assertEquals(-1, readUntilClosed(stalled), "the stalled client was not disconnected");
        }
    }

    /** Reads whatever was buffered; returns -1 once the relay has closed the connection. */
    private static int readUntilClosed(Socket s) throws IOException {
        s.setSoTimeout(60_000);
        byte[] buffer = new byte[64 * 1024];
        int n;
        do {
            n = s.getInputStream().read(buffer);
        } while (n >= 0);
        return n;
    }

    /** What {@code nc HOST PORT} is: lines of UTF-8 in and out of a plain socket. */
    private static final class LineClient implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final List<String> received = new CopyOnWriteArrayList<>();

        LineClient(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            out = socket.getOutputStream();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) received.add(line);
                } catch (IOException e) {
                    // closed
                }
            }, "line-client");
            reader.setDaemon(true);
            reader.start();
        }

        void send(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        String await(java.util.function.Predicate<String> match) throws InterruptedException {
            String[] found = new String[1];
            RoomObserver.waitFor(() -> {
                for (String l : received) {
                    if (match.test(l)) {
                        found[0] = l;
                        return true;
                    }
                }
                return false;
            }, "a matching line on the plain-text port; got " + firstLines());
            return found[0];
        }

        /** A snapshot: the reader thread keeps adding while a failure message is built. */
        private java.util.List<String> firstLines() {
            java.util.List<String> now = java.util.List.copyOf(received);
            return now.size() > 20 ? now.subList(0, 20) : now;
        }

        long count(java.util.function.Predicate<String> match) {
            return received.stream().filter(match).count();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
