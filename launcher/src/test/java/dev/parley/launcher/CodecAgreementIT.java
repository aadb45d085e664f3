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
 * when she joins again, back to PCM. A listener that decodes everything records alice's audio: the frames on either
 * side of a switch follow each other without a lost one, and around it the stream goes on (no stall longer than a
 * busy machine explains, at most a stray frame lost).
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

    /**
     * At every change of codec, the last frame in the old codec and the first in the new one follow each other (the
     * switch itself loses nothing). Within 25 frames either side, the sequence only goes forward, at most 2 frames are
     * missing (a busy machine may cost a stray frame on the way, the switch must not), and capture pauses no longer
     * than 500 ms: alice's capture catches up after a stall (every sample counts), so a pause means a thread that
     * waited for the CPU while a JVM started or exited, not audio the switch swallowed.
     */
    private static void assertNoGapAtTheSwitches(List<Heard> heard) {
        int switches = 0;
        for (int i = 1; i < heard.size(); i++) {
            if (codecName(heard.get(i)).equals(codecName(heard.get(i - 1)))) continue;
            switches++;
            Heard last = heard.get(i - 1);
            Heard first = heard.get(i);
            assertEquals(last.sequence() + 1, first.sequence(), "a frame was lost at the switch at " + i + ": " + last + " " + first);
            int lost = 0;
            for (int j = Math.max(1, i - 25); j < Math.min(heard.size(), i + 25); j++) {
                Heard a = heard.get(j - 1);
                Heard b = heard.get(j);
                assertTrue(b.sequence() > a.sequence(), "out of order around the switch at " + i + ": " + a + " " + b);
                lost += b.sequence() - a.sequence() - 1;
                assertTrue(lost <= 2, lost + " frames lost around the switch at " + i + ", the last between " + a + " " + b);
                long gap = b.captureMicros() - a.captureMicros();
                assertTrue(gap <= 500_000, "a gap of " + gap + " µs around the switch at " + i + ": " + a + " " + b);
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
