package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Codec agreement with real processes: alice and bob have the Opus plugin, carol has the plain distribution. While
 * carol is in the room everyone hears everyone in PCM; when she leaves, alice and bob move to Opus within a second;
 * when she joins again, back to PCM. A listener that decodes everything records alice's audio: no frame is lost at a
 * switch and the stream has no gap longer than 100 ms around one.
 */
class CodecAgreementIT {
    record Heard(long arrivalMicros, int sequence, long captureMicros, String codec) {
    }

    /** Listens in the room, decoding (it says) everything, and records alice's audio and who left when. */
    static final class Listener extends WireListener {
        final List<Heard> alice = new ArrayList<>();
        final List<long[]> carolLeft = new ArrayList<>();

        Listener(int port) throws IOException {
            super(port, "lobby", List.of("jpeg", "pcm-s16le", "opus"));
            start();
        }

        @Override
        protected void frame(String sender, Frame f, long now) {
            if (f.type() == MessageType.LEFT && "carol".equals(Messages.Left.from(f).name())) {
                synchronized (alice) {
                    carolLeft.add(new long[] {now, alice.size()});
                }
            } else if (f.type() == MessageType.AUDIO && "alice".equals(sender)) {
                synchronized (alice) {
                    alice.add(new Heard(now, f.sequence(), f.timestampMicros(), f.codec()));
                    alice.notifyAll();
                }
            }
        }

        /** Waits until alice's newest audio frame is in {@code codec} (name), and returns its index. */
        int awaitCodec(String codec) throws InterruptedException {
            long deadline = System.currentTimeMillis() + 60_000;
            synchronized (alice) {
                while (alice.isEmpty() || !alice.get(alice.size() - 1).codec().startsWith(codec)) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) throw new AssertionError("alice's audio never went " + codec + ": " + tail());
                    alice.wait(left);
                }
                return alice.size() - 1;
            }
        }

        String tail() {
            synchronized (alice) {
                return alice.subList(Math.max(0, alice.size() - 5), alice.size()).toString();
            }
        }

        List<Heard> heard() {
            synchronized (alice) {
                return new ArrayList<>(alice);
            }
        }

    }

    @Test
    void participantsWithAndWithoutAPluginHearEachOtherAndMoveToTheBetterCodecWhenTheyAllCan() throws Exception {
        Path withOpus = ParleyProcess.copyOfDistribution();
        Files.copy(withOpus.resolve("extras/parley-codec-opus.jar"), withOpus.resolve("plugins/parley-codec-opus.jar"));
        int port = ParleyProcess.freePort();
        try (ParleyProcess relay = ParleyProcess.start("relay", "server", "--port", String.valueOf(port), "--host", "127.0.0.1")) {
            relay.awaitContaining("ready: relay listening on port " + port);
            try (Listener listener = new Listener(port);
                 ParleyProcess alice = ParleyProcess.startIn(withOpus, "alice", "client", "--server", "127.0.0.1:" + port,
                         "--name", "alice", "--no-video");
                 ParleyProcess bob = ParleyProcess.startIn(withOpus, "bob", "client", "--server", "127.0.0.1:" + port,
                         "--name", "bob", "--no-video")) {
                // All of them decode Opus: alice sends it.
                listener.awaitCodec("opus");

                // Carol has only the core codecs: everyone moves to PCM, and she hears alice and bob.
                try (ParleyProcess carol = ParleyProcess.start("carol", "client", "--server", "127.0.0.1:" + port,
                        "--name", "carol", "--no-video", "--stats", "1")) {
                    listener.awaitCodec("pcm-s16le");
                    carol.awaitContaining("alice");
                    carol.await("alice's audio decoded at carol", l -> l.contains("alice") && l.contains(" audio ")
                            && l.contains("pcm-s16le") && !l.contains(" 0.0 fps"));
                    carol.await("bob's audio decoded at carol", l -> l.contains("bob") && l.contains(" audio ")
                            && l.contains("pcm-s16le") && !l.contains(" 0.0 fps"));
                    carol.type("/quit");
                    carol.awaitExit();
                }
                // Carol left: within a second of her leaving, alice sends Opus again.
                int opusAgain = listener.awaitCodec("opus");
                List<Heard> heard = listener.heard();
                long leftAt = listener.carolLeft.get(0)[0];
                Heard firstOpus = heard.get(opusAgain);
                for (int i = (int) listener.carolLeft.get(0)[1]; i < heard.size(); i++) {
                    if (heard.get(i).codec().startsWith("opus")) {
                        firstOpus = heard.get(i);
                        break;
                    }
                }
                assertTrue(firstOpus.captureMicros() - leftAt <= 1_000_000, "Opus " + (firstOpus.captureMicros() - leftAt)
                        + " µs after carol left");
                System.out.printf("CodecAgreementIT: alice's first Opus frame was captured %d ms after carol's LEFT%n",
                        (firstOpus.captureMicros() - leftAt) / 1000);

                // Carol again: back to PCM.
                try (ParleyProcess carol = ParleyProcess.start("carol", "client", "--server", "127.0.0.1:" + port,
                        "--name", "carol", "--no-video")) {
                    listener.awaitCodec("pcm-s16le");
                    Thread.sleep(1000);
                }
                assertNoGapAtTheSwitches(listener.heard());
            }
        }
    }

    /** Around every change of codec, alice's audio lost no frame and has no gap of more than 100 ms. */
    private static void assertNoGapAtTheSwitches(List<Heard> heard) {
        int switches = 0;
        for (int i = 1; i < heard.size(); i++) {
            if (codecName(heard.get(i)).equals(codecName(heard.get(i - 1)))) continue;
            switches++;
            for (int j = Math.max(1, i - 25); j < Math.min(heard.size(), i + 25); j++) {
                Heard a = heard.get(j - 1);
                Heard b = heard.get(j);
                assertEquals(a.sequence() + 1, b.sequence(), "a frame was lost around the switch at " + i + ": " + a + " " + b);
                long gap = b.captureMicros() - a.captureMicros();
                assertTrue(gap <= 100_000, "a gap of " + gap + " µs around the switch at " + i + ": " + a + " " + b);
            }
        }
        assertTrue(switches >= 3, "opus -> pcm -> opus -> pcm: " + switches + " switches");
        long worst = 0;
        for (int i = 1; i < heard.size(); i++) worst = Math.max(worst, heard.get(i).captureMicros() - heard.get(i - 1).captureMicros());
        System.out.printf("CodecAgreementIT: %d switches in %d frames of alice's audio; largest gap in the whole stream %d ms%n",
                switches, heard.size(), worst / 1000);
    }

    private static String codecName(Heard h) {
        int semicolon = h.codec().indexOf(';');
        return semicolon < 0 ? h.codec() : h.codec().substring(0, semicolon);
    }
}
