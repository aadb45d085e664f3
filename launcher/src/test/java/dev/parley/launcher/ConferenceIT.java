package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.Frame;
import io.netty.buffer.ByteBufUtil;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A real relay and three real clients, each its own {@code bin/parley} process on loopback, plus an observer that
 * speaks the wire protocol itself to check what the clients really send.
 */
class ConferenceIT {
    private final List<ParleyProcess> processes = new ArrayList<>();
    private Observer observer;

    @AfterEach
    void stop() throws Exception {
        if (observer != null) observer.close();
        for (ParleyProcess p : processes) p.close();
    }

    private ParleyProcess start(String label, String... args) throws IOException {
        ParleyProcess p = ParleyProcess.start(label, args);
        processes.add(p);
        return p;
    }

    @Test
    void threeClientsOnARealRelayExchangeChatVideoAndAudioAndSurviveOneCrashing() throws Exception {
        int port = ParleyProcess.freePort();
        ParleyProcess server = start("server", "server", "--port", String.valueOf(port), "--host", "127.0.0.1");
        server.awaitContaining("relay listening on port " + port);

        observer = new Observer(port);
        Map<String, ParleyProcess> clients = new HashMap<>();
        for (String name : List.of("alice", "bob", "carol")) {
            clients.put(name, start(name, "client", "--server", "127.0.0.1:" + port, "--name", name, "--room", "it"));
        }
        for (ParleyProcess c : clients.values()) c.await("being connected", ParleyProcess::saysConnected);
        // Everyone sees everyone before anyone talks.
        for (ParleyProcess c : clients.values()) {
            for (String other : List.of("alice", "bob", "carol")) {
                c.await(other + " in the roster", l -> l.startsWith("* ") && l.contains(" " + other)
                        && (l.endsWith("joined") || l.startsWith("* console attached")));
            }
        }

        for (int i = 0; i < 20; i++) {
            for (String name : List.of("alice", "bob", "carol")) clients.get(name).type(name + " says line " + i);
        }
        // Chat: every line reaches every other client, in the order it was typed.
        for (String sender : List.of("alice", "bob", "carol")) {
            for (String receiver : List.of("alice", "bob", "carol")) {
                if (receiver.equals(sender)) continue;
                ParleyProcess r = clients.get(receiver);
                int from = 0;
                for (int i = 0; i < 20; i++) {
                    String expected = sender + ": " + sender + " says line " + i;
                    String found = r.awaitFrom(from, "'" + expected + "'", l -> l.endsWith(expected));
                    from = r.lines().indexOf(found) + 1;
                }
            }
        }
        assertEquals(20, observer.textFrom("alice").size());
        for (int i = 0; i < 20; i++) assertEquals("bob says line " + i, observer.textFrom("bob").get(i));

        // Video: each client's frames decode as 640x480 JPEG pictures that move.
        for (String name : List.of("alice", "bob", "carol")) {
            List<BufferedImage> pictures = observer.awaitPictures(name, 3);
            assertEquals(640, pictures.get(0).getWidth());
            assertEquals(480, pictures.get(0).getHeight());
            assertTrue(differ(pictures.get(0), pictures.get(2)), name + "'s test pattern does not move");
        }
        // Audio (the latest 100 frames): 20 ms of 16 kHz mono PCM per frame, always in order. Short queues shed the
        // oldest frames when a starved machine falls behind (audio must never lag), so some loss is allowed here; on
        // an idle machine none is lost, and at least half must arrive even on a loaded one.
        for (String name : List.of("alice", "bob", "carol")) {
            List<AudioSeen> audio = observer.awaitAudio(name, 100);
            long lost = 0;
            for (int i = 0; i < audio.size(); i++) {
                assertEquals("pcm-s16le;rate=16000", audio.get(i).codec());
                assertEquals(640, audio.get(i).bytes());
                if (i == 0) continue;
                long step = Integer.toUnsignedLong(audio.get(i).sequence()) - Integer.toUnsignedLong(audio.get(i - 1).sequence());
                assertTrue(step >= 1, name + " audio out of order at frame " + i);
                lost += step - 1;
            }
            assertTrue(lost <= 100, name + " lost " + lost + " audio frames while 100 arrived");
        }

        // Carol's process dies: the others see her leave and go on receiving from each other.
        int carolId = observer.idOf("carol");
        clients.get("carol").kill();
        clients.get("alice").awaitContaining(carolId + " carol left (connection lost)");
        clients.get("bob").awaitContaining(carolId + " carol left (connection lost)");
        observer.awaitLeft(carolId);
        int aliceVideoBefore = observer.videoCount("alice");
        int bobVideoBefore = observer.videoCount("bob");
        clients.get("alice").type("still here after carol left");
        clients.get("bob").awaitContaining("alice: still here after carol left");
        observer.awaitVideoCount("alice", aliceVideoBefore + 5);
        observer.awaitVideoCount("bob", bobVideoBefore + 5);
    }

    private static boolean differ(BufferedImage a, BufferedImage b) {
        int changed = 0;
        for (int y = 0; y < a.getHeight(); y += 4) {
            for (int x = 0; x < a.getWidth(); x += 4) if (a.getRGB(x, y) != b.getRGB(x, y)) changed++;
        }
        return changed > 100;
    }

    /** What the observer keeps of an audio frame. */
    private record AudioSeen(String codec, int bytes, int sequence) {
    }

    /** A participant written against the wire protocol alone; records what it receives. */
    private static final class Observer extends WireListener {
        private final Map<String, List<String>> text = new ConcurrentHashMap<>();
        private final Map<String, List<byte[]>> video = new ConcurrentHashMap<>();
        private final Map<String, List<AudioSeen>> audio = new ConcurrentHashMap<>();
        private final List<Integer> left = new CopyOnWriteArrayList<>();

        Observer(int port) throws IOException {
            super(port, "it", null);
            start();
        }

        @Override
        protected void frame(String name, Frame f, long arrivalMicros) {
            switch (f.type()) {
                case LEFT -> left.add(f.sender());
                case TEXT -> list(text, name).add(f.payload().toString(StandardCharsets.UTF_8));
                case VIDEO -> list(video, name).add(ByteBufUtil.getBytes(f.payload()));
                case AUDIO -> {
                    // Keep the latest 100: the check looks at steady state, not at the processes warming up.
                    // Only what the check reads, never a buffer: the test may still read one this drops.
                    List<AudioSeen> frames = list(audio, name);
                    frames.add(new AudioSeen(f.codec(), f.payload().readableBytes(), f.sequence()));
                    if (frames.size() > 100) frames.remove(0);
                }
                default -> { }
            }
        }

        List<String> textFrom(String name) throws InterruptedException {
            waitFor(() -> list(text, name).size() >= 20, name + "'s 20 chat lines");
            return list(text, name);
        }

        List<BufferedImage> awaitPictures(String name, int n) throws Exception {
            waitFor(() -> list(video, name).size() >= n + 10, n + 10 + " video frames from " + name);
            List<byte[]> frames = list(video, name);
            List<BufferedImage> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                BufferedImage img = ImageIO.read(new ByteArrayInputStream(frames.get(frames.size() - 1 - i * 5)));
                assertNotNull(img, "a video frame from " + name + " is not a JPEG");
                out.add(img);
            }
            return out;
        }

        List<AudioSeen> awaitAudio(String name, int n) throws InterruptedException {
            waitFor(() -> list(audio, name).size() >= n, n + " audio frames from " + name);
            return List.copyOf(list(audio, name)).subList(0, n);
        }

        void awaitLeft(int id) throws InterruptedException {
            waitFor(() -> left.contains(id), "LEFT for participant " + id);
        }

        int videoCount(String name) {
            return list(video, name).size();
        }

        void awaitVideoCount(String name, int n) throws InterruptedException {
            waitFor(() -> videoCount(name) >= n, n + " video frames from " + name);
        }
    }
}
