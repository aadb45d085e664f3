package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.jna.NativeLibrary;
import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import io.netty.buffer.ByteBufUtil;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Codecs dropped in live: a demo runs from a private copy of the distribution while the TurboJPEG and Opus plugin jars
 * are copied from {@code extras/} into its watched {@code plugins/} folder and deleted again. An observer speaking the
 * wire protocol checks that the codec id on the participants' frames changes both ways while the frames keep coming.
 */
class CodecDropInIT {
    /** Longest silence allowed in a stream across a codec switch; a guard against a dropped stream, not a speed test. */
    private static final long MAX_GAP_NANOS = 3_000_000_000L;

    private Path home;
    private ParleyProcess demo;
    private Observer observer;

    @BeforeEach
    void copyTheDistribution() throws IOException {
        // Other tests share the built distribution: dropping jars into its plugins/ would change what they run.
        home = ParleyProcess.copyOfDistribution();
    }

    @AfterEach
    void stop() throws Exception {
        if (observer != null) observer.close();
        if (demo != null) demo.close();
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void startDemo() throws Exception {
        int port = ParleyProcess.freePort();
        demo = ParleyProcess.startIn(home, "demo", "demo", "--port", String.valueOf(port), "--names", "alice,bob");
        demo.awaitContaining("ready: relay listening on port " + port);
        observer = new Observer(port);
    }

    @Test
    void droppingTurboJpegInSwitchesVideoToItWhileFramesKeepComingAndDeletingItSwitchesBack() throws Exception {
        assumeNative("turbojpeg", "libturbojpeg0");
        startDemo();
        observer.await(MessageType.VIDEO, 5, "jpeg"::equals);

        Path jar = dropIn("parley-codec-turbojpeg");
        long copied = System.nanoTime();
        Arrival first = observer.await(MessageType.VIDEO, 10, "jpeg;enc=turbo"::equals);
        System.out.printf("first TurboJPEG frame %.0f ms after the jar was copied%n", (first.nanos() - copied) / 1e6);
        byte[] turboFrame = observer.latest(MessageType.VIDEO).payload();
        assertNotNull(ImageIO.read(new ByteArrayInputStream(turboFrame)), "ImageIO reads TurboJPEG's frames");
        assertNoCodecFailed();

        Files.delete(jar);
        long deleted = System.nanoTime();
        Arrival back = observer.await(MessageType.VIDEO, 10, "jpeg"::equals);
        System.out.printf("first ImageIO frame %.0f ms after the jar was deleted%n", (back.nanos() - deleted) / 1e6);

        observer.assertSwitchedOnceEachWay(MessageType.VIDEO, "jpeg", "jpeg;enc=turbo");
        observer.assertNoGapLongerThan(MessageType.VIDEO, MAX_GAP_NANOS);
    }

    @Test
    void droppingOpusInSwitchesAudioToItAndThePlayersDecodeItAndDeletingItSwitchesBackToPcm() throws Exception {
        assumeNative("opus", "libopus0");
        startDemo();
        observer.await(MessageType.AUDIO, 25, "pcm-s16le;rate=16000"::equals);

        Path jar = dropIn("parley-codec-opus");
        long copied = System.nanoTime();
        Arrival first = observer.await(MessageType.AUDIO, 50, "opus;rate=16000"::equals);
        System.out.printf("first Opus frame %.0f ms after the jar was copied%n", (first.nanos() - copied) / 1e6);
        assertTrue(observer.latest(MessageType.AUDIO).payload().length < 200, "20 ms of Opus at 24 kbit/s is about 60 bytes");
        // The demo's participants play each other's audio: with the plugin present, every Opus frame has a decoder.
        assertFalse(demo.stderr().contains("No decoder for opus"), demo.describe());
        assertNoCodecFailed();

        Files.delete(jar);
        observer.await(MessageType.AUDIO, 50, "pcm-s16le;rate=16000"::equals);

        observer.assertSwitchedOnceEachWay(MessageType.AUDIO, "pcm-s16le;rate=16000", "opus;rate=16000");
        observer.assertNoGapLongerThan(MessageType.AUDIO, MAX_GAP_NANOS);
    }

    @Test
    void bothPluginsResolveAndRegisterInAClientDroppedInBeforeItStarts() throws Exception {
        assumeNative("turbojpeg", "libturbojpeg0");
        assumeNative("opus", "libopus0");
        dropIn("parley-codec-turbojpeg");
        dropIn("parley-codec-opus");
        int port = ParleyProcess.freePort(); // no relay there: the client keeps retrying, which is all this needs

        demo = ParleyProcess.startIn(home, "client", "client", "--server", "127.0.0.1:" + port, "--name", "solo");

        demo.awaitLog("TurboJPEG codec registered");
        demo.awaitLog("Opus codec registered");
        assertFalse(demo.stderr().contains("[ERROR]"), demo.describe());
    }

    /** No encoder was set aside and no audio decoder threw: the plugin's codecs worked from their first frame. */
    private void assertNoCodecFailed() {
        String log = demo.stderr();
        assertFalse(log.contains("falling back to the next best"), demo.describe());
        assertFalse(log.contains("Audio decoder"), demo.describe());
    }

    private static void assumeNative(String library, String debianPackage) {
        boolean present;
        try {
            NativeLibrary.getInstance(library);
            present = true;
        } catch (UnsatisfiedLinkError e) {
            present = false;
        }
        assumeTrue(present, "lib" + library + " is not installed (apt-get install " + debianPackage + "): skipped");
    }

    /** Copies {@code extras/NAME.jar} into plugins/ as a user would, whole: written beside, then moved in. */
    private Path dropIn(String name) throws IOException {
        Path jar = home.resolve("extras").resolve(name + ".jar");
        Path staged = Files.copy(jar, home.resolve(name + ".jar.part"));
        Path target = home.resolve("plugins").resolve(name + ".jar");
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    record Arrival(long nanos, String codec, byte[] payload) {
    }

    /** Records the arrival time and codec of alice's frames, as any client written from PROTOCOL.md would see them. */
    private static final class Observer extends WireListener {
        private final Map<MessageType, List<Arrival>> arrivals = new ConcurrentHashMap<>();

        Observer(int port) throws IOException {
            // What a client written from PROTOCOL.md tells the room it decodes (it only records, so anything goes):
            // without it, codec agreement would hold the others to the codecs every participant has.
            super(port, "demo", List.of("jpeg", "pcm-s16le", "opus"));
            start();
        }

        @Override
        protected void frame(String sender, Frame f, long arrivalMicros) {
            if ((f.type() == MessageType.VIDEO || f.type() == MessageType.AUDIO) && "alice".equals(sender)) {
                Arrival a = new Arrival(System.nanoTime(), f.codec(), ByteBufUtil.getBytes(f.payload()));
                List<Arrival> list = list(f.type());
                synchronized (list) {
                    list.add(a);
                    list.notifyAll();
                }
            }
        }

        private List<Arrival> list(MessageType type) {
            return arrivals.computeIfAbsent(type, k -> new ArrayList<>());
        }

        Arrival latest(MessageType type) {
            List<Arrival> list = list(type);
            synchronized (list) {
                return list.get(list.size() - 1);
            }
        }

        /** Waits for {@code count} frames in a row whose codec matches, counted from now; returns the first of them. */
        Arrival await(MessageType type, int count, Predicate<String> codec) throws InterruptedException {
            List<Arrival> list = list(type);
            long deadline = System.nanoTime() + 60_000_000_000L;
            synchronized (list) {
                int from = list.size();
                while (true) {
                    int run = 0;
                    for (int i = from; i < list.size(); i++) {
                        run = codec.test(list.get(i).codec()) ? run + 1 : 0;
                        if (run == count) return list.get(i - count + 1);
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) throw new AssertionError("never got " + count + " " + type + " frames in a row of the awaited "
                            + "codec; codecs seen: " + codecsSeen(type));
                    list.wait(Math.max(1, Math.min(200, left / 1_000_000)));
                }
            }
        }

        /** The codecs in arrival order with repeats collapsed: for one switch in and out, [from, to, from]. */
        List<String> codecsSeen(MessageType type) {
            List<String> runs = new ArrayList<>();
            List<Arrival> list = list(type);
            synchronized (list) {
                for (Arrival a : list) if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(a.codec())) runs.add(a.codec());
            }
            return runs;
        }

        void assertSwitchedOnceEachWay(MessageType type, String from, String to) {
            assertEquals(List.of(from, to, from), codecsSeen(type), type + " codec runs");
        }

        void assertNoGapLongerThan(MessageType type, long nanos) {
            List<Arrival> list = list(type);
            synchronized (list) {
                long worst = 0;
                for (int i = 1; i < list.size(); i++) worst = Math.max(worst, list.get(i).nanos() - list.get(i - 1).nanos());
                System.out.printf("%s: %d frames, longest gap %.0f ms%n", type, list.size(), worst / 1e6);
                assertTrue(worst < nanos, type + " stream stalled for " + worst / 1_000_000 + " ms across the switches");
            }
        }

    }
}
