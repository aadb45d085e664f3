package dev.parley.launcher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/**
 * A recording sent through a call arrives sample for sample: alice's client sends a WAV file (--audio-file) with
 * the PCM codec through a real relay; bob's client plays what it hears into a WAV file (--record), through its
 * jitter buffer and mixer. Every sample of a long stretch of what bob recorded is the file's, in order.
 */
class AudioFileIT {
    private static final int RATE = 16_000;
    /** A stretch this long must arrive exactly: two seconds. */
    private static final int EXACT = 2 * RATE;
    private static final int WINDOW = 32;

    /** Three seconds of noise that never repeats within the file, so every window of it says where it is. */
    private static short[] noise() {
        short[] s = new short[3 * RATE];
        long x = 0x2545F4914F6CDD1DL;
        for (int i = 0; i < s.length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            s[i] = (short) (x >> 50); // within about ±8192
        }
        return s;
    }

    private static void writeWav(Path file, short[] samples) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short v : samples) b.putShort(v);
        AudioFormat format = new AudioFormat(RATE, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(b.array()), format, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    /** The 16-bit samples of a WAV file being written (its header's sizes may not be final yet). */
    private static short[] readPcm(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int data = 12;
        while (data + 8 <= bytes.length) {
            String id = new String(bytes, data, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int size = ByteBuffer.wrap(bytes, data + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (id.equals("data")) break;
            data += 8 + size;
        }
        int start = data + 8;
        int n = Math.max(0, (bytes.length - start) / 2);
        short[] out = new short[n];
        ByteBuffer.wrap(bytes, start, n * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    private static long key(short[] s, int from) {
        long h = 1125899906842597L;
        for (int i = 0; i < WINDOW; i++) h = 31 * h + s[from + i];
        return h;
    }

    /** The longest run of {@code got} that equals the (looping) {@code sent}, sample for sample. */
    private static int longestExactRun(short[] sent, short[] got) {
        Map<Long, Integer> where = new HashMap<>();
        short[] looped = new short[sent.length + WINDOW];
        System.arraycopy(sent, 0, looped, 0, sent.length);
        System.arraycopy(sent, 0, looped, sent.length, WINDOW);
        for (int j = 0; j < sent.length; j++) where.put(key(looped, j), j);
        int best = 0;
        int k = 0;
        while (k + WINDOW <= got.length) {
            Integer j = where.get(key(got, k));
            if (j == null) {
                k++;
                continue;
            }
            int run = 0;
            while (k + run < got.length && got[k + run] == sent[(j + run) % sent.length]) run++;
            best = Math.max(best, run);
            k += Math.max(run, 1);
        }
        return best;
    }

    @Test
    void aWavSentThroughACallIsPlayedSampleForSample() throws Exception {
        Path dir = Files.createTempDirectory("parley-wav-");
        Path sent = dir.resolve("sent.wav");
        Path got = dir.resolve("heard.wav");
        short[] samples = noise();
        writeWav(sent, samples);
        int port = ParleyProcess.freePort();
        try (ParleyProcess relay = ParleyProcess.start("relay", "server", "--port", String.valueOf(port), "--host", "127.0.0.1");
             ParleyProcess alice = startAfter(relay, port, "alice", "--audio-file", sent.toString());
             ParleyProcess bob = ParleyProcess.start("bob", "client", "--server", "127.0.0.1:" + port, "--name", "bob",
                     "--room", "wav", "--no-video", "--ui", "console", "--record", got.toString())) {
            alice.awaitLog("alice audio source: file:sent.wav");
            bob.await("alice in bob's room", l -> l.contains("alice"));
            // The exact stretch is looked for in what bob has recorded so far, until one is found. A machine busy
            // with other work may hold a process up long enough that a frame comes after its turn; the jitter
            // buffer then conceals it and grows, and from there on what comes plays exactly again. What may not
            // happen is a recording in which no two seconds are the file's.
            long deadline = System.currentTimeMillis() + 60_000;
            int run = 0;
            int recorded = 0;
            while (run < EXACT) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("no " + EXACT + "-sample stretch of what bob heard is the file's in "
                            + recorded + " samples: longest " + run + "\n" + bob.stderr());
                }
                Thread.sleep(1000);
                if (!Files.exists(got) || Files.size(got) < 44 + 3L * RATE * 2) continue;
                short[] heard = readPcm(got);
                recorded = heard.length;
                run = longestExactRun(samples, heard);
            }
            System.out.printf("recorded %d samples; the longest stretch equal to the file, sample for sample: %d (%.2f s)%n",
                    recorded, run, run / (double) RATE);
        }
    }

    private static ParleyProcess startAfter(ParleyProcess relay, int port, String name, String... more) throws Exception {
        relay.awaitContaining("relay listening on port " + port);
        String[] args = {"client", "--server", "127.0.0.1:" + port, "--name", name, "--room", "wav", "--no-video", "--ui", "console"};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return ParleyProcess.start(name, all);
    }
}
