package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import dev.parley.testing.webcam.KnownPictures;
import io.netty.buffer.ByteBufUtil;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real camera path of the shipped distribution, without a camera: a copy of the distribution gets the test
 * camera plugin (testing/fake-webcam, a webcam-capture {@code WebcamDriver} serving known numbered pictures) in its
 * plugins/, and a client captures it through WebcamDiscovery and WebcamSource, encodes it with the JPEG encoder and
 * sends it through a relay to an observer that decodes every picture and tells which known picture it is. The camera
 * then stops sending (as if unplugged): the client falls back to the test pattern and says so; it starts again: the
 * client goes back to it. A second client on the same machine finds the camera locked by the first and says so,
 * without disturbing it, and takes the camera over when the first leaves.
 */
class WebcamIT {
    /** Per channel, what JPEG may change in a flat colour. */
    private static final int TOLERANCE = 12;
    private final List<ParleyProcess> processes = new ArrayList<>();
    private Pictures observer;

    @AfterEach
    void stop() throws Exception {
        if (observer != null) observer.close();
        for (ParleyProcess p : processes) p.close();
    }

    /** Every VIDEO picture of each sender, decoded: the known picture's number, or -1 for anything else. */
    private static final class Pictures extends WireListener {
        record Seen(long arrivalMicros, int picture) { }

        private final Map<String, List<Seen>> seen = new ConcurrentHashMap<>();

        Pictures(int port, String room) throws IOException {
            super(port, room, null);
            start();
        }

        @Override
        protected void frame(String sender, Frame f, long arrivalMicros) throws IOException {
            if (f.type() != MessageType.VIDEO) return;
            assertEquals("jpeg", f.codec().split(";")[0]);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(ByteBufUtil.getBytes(f.payload())));
            list(seen, sender).add(new Seen(arrivalMicros, image == null ? -2 : KnownPictures.identify(image, TOLERANCE)));
        }

        List<Seen> of(String sender) { return List.copyOf(list(seen, sender)); }

        /** Pictures from {@code sender} after the first {@code from}. */
        List<Seen> since(String sender, int from) {
            List<Seen> all = of(sender);
            return all.subList(Math.min(from, all.size()), all.size());
        }

        long known(String sender, int from) { return since(sender, from).stream().filter(s -> s.picture() >= 0).count(); }

        long unknown(String sender, int from) { return since(sender, from).stream().filter(s -> s.picture() == -1).count(); }
    }

    private ParleyProcess start(Path home, String label, String... args) throws IOException {
        ParleyProcess p = ParleyProcess.startIn(home, label, args);
        processes.add(p);
        return p;
    }

    @Test
    void aCameraPluginIsCapturedEncodedAndSeenFallsBackToTheTestPatternWhenItStopsAndComesBack() throws Exception {
        Path jar = Path.of(System.getProperty("parley.testcam.jar", "../testing/fake-webcam/target/none.jar"));
        assertTrue(Files.isRegularFile(jar), "the test camera plugin is built before the launcher: " + jar);
        Path home = ParleyProcess.copyOfDistribution();
        Files.copy(jar, home.resolve("plugins").resolve("parley-test-camera.jar"));

        int port = ParleyProcess.freePort();
        ParleyProcess server = start(home, "relay", "server", "--port", String.valueOf(port), "--host", "127.0.0.1");
        server.awaitContaining("relay listening on port " + port);
        observer = new Pictures(port, "cam");
        ParleyProcess alice = start(home, "alice", "client", "--server", "127.0.0.1:" + port, "--name", "alice",
                "--room", "cam", "--no-audio", "--ui", "console");
        alice.awaitLog("camera found: webcam:0 (Webcam " + "Parley test camera");
        alice.awaitLog("alice video source: webcam:0");

        // 1. The camera's own pictures arrive, each one of the known pictures, in the order the camera served them.
        WireListener.waitFor(() -> observer.known("alice", 0) >= 20, "20 of the camera's pictures from alice");
        List<Integer> numbers = observer.of("alice").stream().map(Pictures.Seen::picture).filter(n -> n >= 0).toList();
        int forward = 0;
        for (int i = 1; i < numbers.size(); i++) {
            if (Math.floorMod(numbers.get(i) - numbers.get(i - 1), KnownPictures.PERIOD) < KnownPictures.PERIOD / 2) forward++;
        }
        assertTrue(forward >= numbers.size() - 2, "pictures in the order served: " + numbers);

        // 2. It stops sending: within a second the test pattern takes its place, and the log says why.
        int mark = observer.of("alice").size();
        alice.type("/testcam:stop");
        alice.awaitLog("camera webcam:0 sent no picture for");
        alice.awaitLog("alice video source: test-pattern");
        WireListener.waitFor(() -> observer.unknown("alice", mark) >= 10, "the test pattern from alice");
        long firstPattern = observer.since("alice", mark).stream().filter(s -> s.picture() == -1)
                .mapToLong(Pictures.Seen::arrivalMicros).min().orElseThrow();
        long lastCamera = observer.of("alice").stream().filter(s -> s.picture() >= 0 && s.arrivalMicros() < firstPattern)
                .mapToLong(Pictures.Seen::arrivalMicros).max().orElseThrow();
        System.out.printf("camera stopped: the test pattern followed the last camera picture after %.0f ms%n",
                (firstPattern - lastCamera) / 1000.0);

        // 3. It sends again: the client goes back to the camera.
        int back = observer.of("alice").size();
        alice.type("/testcam:start");
        alice.awaitLog("camera webcam:0 sends pictures again");
        WireListener.waitFor(() -> observer.known("alice", back) >= 10, "the camera's pictures again from alice");

        // 4. devices lists the camera in use and switches sources live, by id and back to the best, mid-call.
        alice.type("/devices");
        alice.awaitContaining("webcam:0         Webcam Parley test camera   <- in use");
        alice.awaitContaining("test-pattern");
        int switched = observer.of("alice").size();
        alice.type("/devices video test-pattern");
        alice.awaitContaining("video: test-pattern (was webcam:0)");
        WireListener.waitFor(() -> observer.unknown("alice", switched) >= 10, "the chosen test pattern from alice");
        int best = observer.of("alice").size();
        alice.type("/devices video 1");
        alice.awaitContaining("video: webcam:0 (was test-pattern)");
        WireListener.waitFor(() -> observer.known("alice", best) >= 10, "the camera again after choosing it by number");

        // 5. A second process on this machine finds the camera taken (webcam-capture's lock file) and says so; the
        //    first keeps sending its pictures.
        ParleyProcess bob = start(home, "bob", "client", "--server", "127.0.0.1:" + port, "--name", "bob",
                "--room", "cam", "--no-audio", "--ui", "console");
        bob.awaitLog("is in use by another process");
        WireListener.waitFor(() -> observer.unknown("bob", 0) >= 10, "the test pattern from bob");
        assertEquals(0, observer.known("bob", 0), "bob never shows alice's camera");
        int withBob = observer.of("alice").size();
        WireListener.waitFor(() -> observer.known("alice", withBob) >= 10, "alice's camera still, with bob there");
        assertTrue(!alice.stderr().contains("[ERROR]"), alice.stderr());

        // 6. Alice leaves and lets the camera go: bob, who kept trying it, goes over to it mid-call.
        bob.awaitLog("camera webcam:0 withdrawn until it can be opened");
        alice.close();
        bob.awaitLog("camera webcam:0 sends pictures again");
        int afterAlice = observer.of("bob").size();
        WireListener.waitFor(() -> observer.known("bob", afterAlice) >= 10, "the camera's pictures from bob once alice left");
        assertTrue(!bob.stderr().contains("[ERROR]"), bob.stderr());
    }

    @Test
    void aFolderOfPicturesIsSentInNameOrderWithVideoFile() throws Exception {
        Path pictures = Files.createTempDirectory("parley-pictures-");
        for (int n = 0; n < 12; n++) {
            ImageIO.write(KnownPictures.picture(n * 7L, 320, 240), "png", pictures.resolve(String.format("p%03d.png", n)).toFile());
        }
        int port = ParleyProcess.freePort();
        ParleyProcess server = start(ParleyProcess.DIST, "relay", "server", "--port", String.valueOf(port), "--host", "127.0.0.1");
        server.awaitContaining("relay listening on port " + port);
        observer = new Pictures(port, "files");
        ParleyProcess alice = start(ParleyProcess.DIST, "alice", "client", "--server", "127.0.0.1:" + port, "--name", "alice",
                "--room", "files", "--no-audio", "--ui", "console", "--video-file", pictures.toString());
        alice.awaitLog("alice video source: file:");
        WireListener.waitFor(() -> observer.known("alice", 0) >= 30, "30 of the folder's pictures from alice");
        List<Integer> seen = observer.of("alice").stream().map(Pictures.Seen::picture).toList();
        assertTrue(seen.stream().allMatch(n -> n >= 0 && n % 7 == 0), "only the folder's pictures: " + seen);
        int next = 0;
        int wrapped = 0;
        for (int n : seen) {
            int index = n / 7;
            if (index < next) wrapped++;
            next = index;
        }
        assertTrue(wrapped >= 1, "the folder loops: " + seen);
        assertTrue(wrapped <= seen.size() / 10 + 1, "in name order, looping: " + seen);
    }

    @Test
    void parleyDevicesListsACameraAPluginBrings() throws Exception {
        Path jar = Path.of(System.getProperty("parley.testcam.jar", "../testing/fake-webcam/target/none.jar"));
        Path home = ParleyProcess.copyOfDistribution();
        Files.copy(jar, home.resolve("plugins").resolve("parley-test-camera.jar"));
        try (ParleyProcess devices = ParleyProcess.startIn(home, "devices", "devices", "--wait", "15")) {
            devices.awaitContaining("video sources (best first):");
            devices.awaitContaining("1  webcam:0         Webcam Parley test camera");
            devices.awaitContaining("2  test-pattern");
            devices.awaitContaining("1  tone");
            devices.awaitContaining("choose: devices video|audio");
        }
    }
}
