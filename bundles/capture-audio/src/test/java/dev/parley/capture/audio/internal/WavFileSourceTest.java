package dev.parley.capture.audio.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaSource.Capture;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.MediaFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileSourceTest {
    private static final long PATIENCE_SECONDS = 20;
    private static final int FRAME = 320; // 20 ms at 16 kHz

    @TempDir
    Path folder;

    @Test
    void aFileAtTheCallsRateComesOutBitExactAndSilenceFollowsItsEnd() throws Exception {
        short[] samples = noise(1000, 1);
        Path file = write("speech.wav", wav(16000, 1, 16, pcm16(samples)));
        WavPlayer player = new WavPlayer(file, frames16k(), false);

        short[] out = concat(player, 5);

        assertArrayEquals(samples, Arrays.copyOf(out, 1000));
        assertArrayEquals(new short[5 * FRAME - 1000], Arrays.copyOfRange(out, 1000, out.length));
    }

    @Test
    void everyFrameHasTheToneSourcesShape() throws Exception {
        Path file = write("speech.wav", wav(16000, 1, 16, pcm16(noise(1000, 2))));
        WavPlayer player = new WavPlayer(file, frames16k(), true);

        AudioSamples frame = player.nextFrame();

        assertEquals(FRAME, frame.samples().length);
        assertEquals(16000, frame.sampleRate());
        assertEquals(1, frame.channels());
        assertEquals(20_000, frame.durationMicros());
    }

    @Test
    void aLoopGoesOnFromTheFirstSampleWithinTheFrameThatReachesTheEnd() throws Exception {
        short[] samples = noise(1000, 3);
        Path file = write("speech.wav", wav(16000, 1, 16, pcm16(samples)));
        WavPlayer player = new WavPlayer(file, frames16k(), true);

        short[] out = concat(player, 10);

        for (int i = 0; i < out.length; i++) {
            assertEquals(samples[i % samples.length], out[i], "sample " + i);
        }
    }

    @Test
    void aFileShorterThanAFrameIsRepeatedWithinOneFrame() throws Exception {
        short[] samples = {1, 2, 3, 4, 5, 6, 7};
        Path file = write("click.wav", wav(16000, 1, 16, pcm16(samples)));

        short[] out = new WavPlayer(file, frames16k(), true).nextFrame().samples();

        for (int i = 0; i < out.length; i++) {
            assertEquals(samples[i % samples.length], out[i], "sample " + i);
        }
    }

    @Test
    void stereoAtTheCallsRateIsTheMeanOfItsChannelsRoundedDown() throws Exception {
        short[] interleaved = {100, 300, -5, 0, 32767, 32767, -32768, -32768, 7, -8};
        Path file = write("stereo.wav", wav(16000, 2, 16, pcm16(interleaved)));

        short[] out = new WavPlayer(file, frames16k(), false).nextFrame().samples();

        assertArrayEquals(new short[] {200, -3, 32767, -32768, -1}, Arrays.copyOf(out, 5));
    }

    @Test
    void stereoAt48kHzBecomesMonoAt16kHzWithTheSameFrequencyAndLevel() throws Exception {
        // One second of 1 kHz at 10000 in the left channel, nothing in the right: mono is 1 kHz at 5000.
        short[] interleaved = new short[2 * 48000];
        for (int i = 0; i < 48000; i++) {
            interleaved[2 * i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * 1000 * i / 48000.0));
        }
        Path file = write("stereo48.wav", wav(48000, 2, 16, pcm16(interleaved)));

        short[] out = onePass(file, 16000);

        assertEquals(16000, out.length);
        assertEquals(2000, signChanges(out), 4);
        assertEquals(5000, peak(out), 5000 * 0.02);
    }

    @Test
    void aRateThatIsNoMultipleIsInterpolated() throws Exception {
        // 44.1 kHz to 16 kHz: most output samples fall between two input samples.
        short[] mono = new short[44100];
        for (int i = 0; i < mono.length; i++) {
            mono[i] = (short) Math.round(12000 * Math.sin(2 * Math.PI * 440 * i / 44100.0));
        }
        Path file = write("mono44.wav", wav(44100, 1, 16, pcm16(mono)));

        short[] out = onePass(file, 16000);

        assertEquals(16000, out.length);
        assertEquals(880, signChanges(out), 4);
        assertEquals(12000, peak(out), 12000 * 0.02);
        assertEquals(12000 / Math.sqrt(2), rms(out), 12000 * 0.02);
        // Within the pass (the first and last half millisecond meet the filter's silence around the file):
        for (int n = 24; n < out.length - 24; n++) {
            double expected = 12000 * Math.sin(2 * Math.PI * 440 * n / 16000.0);
            assertEquals(expected, out[n], 20, "sample " + n);
        }
    }

    @Test
    void downSamplingFiltersWhatTheNewRateCannotCarryInsteadOfFoldingItBack() throws Exception {
        // 12 kHz is above 8 kHz, half of the call's rate: without the filter it would be heard at 16 - 12 = 4 kHz at
        // nearly its full level. 1 kHz in the same file passes.
        short[] whistle = new short[48000];
        short[] voice = new short[48000];
        for (int i = 0; i < whistle.length; i++) {
            whistle[i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * 12000 * i / 48000.0));
            voice[i] = (short) Math.round(10000 * Math.sin(2 * Math.PI * 1000 * i / 48000.0));
        }
        short[] high = onePass(write("whistle48.wav", wav(48000, 1, 16, pcm16(whistle))), 16000);
        short[] low = onePass(write("voice48.wav", wav(48000, 1, 16, pcm16(voice))), 16000);

        assertEquals(16000, high.length);
        // Away from the edges of the pass (where the filter meets the silence around the file): 70 dB down at least.
        assertTrue(rms(Arrays.copyOfRange(high, 100, 15900)) < 10000 * 0.0003, "12 kHz folded back: rms " + rms(high));
        assertEquals(10000 / Math.sqrt(2), rms(Arrays.copyOfRange(low, 100, 15900)), 10000 * 0.01);
        assertEquals(2000, signChanges(low), 4);
    }

    @Test
    void theFilterIsALowPassOfUnitGainAt44PercentOfTheNewRate() {
        double[] h = Resampler.lowPass(44100, 16000);
        assertEquals(1, Arrays.stream(h).sum(), 1e-9);
        assertEquals(1, h.length % 2, "odd: a whole sample of delay to take out");
        for (int k = 0; k < h.length; k++) assertEquals(h[k], h[h.length - 1 - k], 1e-15, "symmetric: linear phase");
        assertEquals(1, gain(h, 1000, 44100), 0.001);
        assertEquals(1, gain(h, 6000, 44100), 0.01);
        assertTrue(gain(h, 8800, 44100) < 0.001, "at the folding frequency and above: -60 dB");
        assertTrue(gain(h, 15000, 44100) < 0.001);
    }

    /** The filter's gain at {@code hz}. */
    private static double gain(double[] h, double hz, int rate) {
        double re = 0;
        double im = 0;
        for (int k = 0; k < h.length; k++) {
            re += h[k] * Math.cos(2 * Math.PI * hz * k / rate);
            im -= h[k] * Math.sin(2 * Math.PI * hz * k / rate);
        }
        return Math.hypot(re, im);
    }

    @Test
    void upSamplingInterpolatesBetweenNeighboursAndHoldsTheLastSample() throws Exception {
        Path file = write("ramp8k.wav", wav(8000, 1, 16, pcm16(new short[] {0, 100, 200, -200})));

        assertArrayEquals(new short[] {0, 50, 100, 150, 200, 0, -200, -200}, onePass(file, 16000));
    }

    @Test
    void eightBitUnsignedSamplesAreShiftedToSixteenBits() throws Exception {
        Path file = write("eight.wav", wav(16000, 1, 8, new byte[] {0, (byte) 128, (byte) 255, 64}));

        short[] out = new WavPlayer(file, frames16k(), false).nextFrame().samples();

        assertArrayEquals(new short[] {-32768, 0, 32512, -16384, 0}, Arrays.copyOf(out, 5));
    }

    @Test
    void twentyFourBitSamplesKeepTheirTopSixteenBits() throws Exception {
        int[] values = {0x123456, -0x123456, 0x7FFFFF, -0x800000, 0x0000FF, -1};
        ByteBuffer data = ByteBuffer.allocate(values.length * 3);
        for (int value : values) {
            data.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
        }
        Path file = write("deep.wav", wav(16000, 1, 24, data.array()));

        short[] out = new WavPlayer(file, frames16k(), false).nextFrame().samples();

        assertArrayEquals(new short[] {0x1234, -0x1235, 32767, -32768, 0, -1, 0}, Arrays.copyOf(out, 7));
    }

    @Test
    void twentyFourBitStereoIsMixedDown() throws Exception {
        // left 0x100000 (4096 on the 16-bit scale), right -0x080000 (-2048): mean 1024
        byte[] frame = {0x00, 0x00, 0x10, 0x00, 0x00, (byte) 0xF8};
        Path file = write("deep-stereo.wav", wav(16000, 2, 24, frame));

        assertEquals(1024, new WavPlayer(file, frames16k(), false).nextFrame().samples()[0]);
    }

    @Test
    void aMissingFileIsACaptureExceptionNamingIt() {
        Path file = folder.resolve("nowhere.wav");

        CaptureException e = assertThrows(CaptureException.class, () -> source(file).open(spec(), f -> { }));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    @Test
    void garbageIsACaptureExceptionSayingItIsNotAWavFile() throws Exception {
        Path file = write("noise.wav", "this is no audio at all, just words".getBytes(StandardCharsets.US_ASCII));

        CaptureException e = assertThrows(CaptureException.class, () -> source(file).open(spec(), f -> { }));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not a WAV file"), e.getMessage());
    }

    @Test
    void unsupportedWavFilesSayWhatIsWrongAndHowToConvertThem() throws Exception {
        Path floats = write("float.wav", wav(16000, 1, 32, 3, new byte[8]));
        Path wide = write("wide.wav", wav(16000, 1, 32, 1, new byte[8]));
        Path surround = write("surround.wav", wav(16000, 6, 16, 1, new byte[24]));
        Path empty = write("empty.wav", wav(16000, 1, 16, new byte[0]));

        assertProblem(floats, "integer PCM");
        assertProblem(wide, "32-bit");
        assertProblem(surround, "6 channels");
        assertProblem(empty, "no samples");
        assertProblem(folder, "folder");
    }

    @Test
    void theSourceSendsTheFilePacedOnANamedThread() throws Exception {
        short[] samples = noise(2000, 4);
        Path file = write("talk.wav", wav(16000, 1, 16, pcm16(samples)));
        List<AudioSamples> frames = new CopyOnWriteArrayList<>();
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch three = new CountDownLatch(3);

        try (Capture capture = source(file).open(new CaptureSpec("alice", MediaFormat.audio(16000, 1, 20)), frame -> {
            thread.compareAndSet(null, Thread.currentThread());
            frames.add((AudioSamples) frame);
            three.countDown();
        })) {
            assertTrue(three.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "fewer than 3 frames arrived");
        }

        for (int i = 0; i < 3; i++) {
            assertArrayEquals(Arrays.copyOfRange(samples, i * FRAME, (i + 1) * FRAME), frames.get(i).samples(), "frame " + i);
        }
        assertEquals("parley-audio-file-alice", thread.get().getName());
        assertEquals("file:talk.wav", source(file).id());
    }

    private void assertProblem(Path file, String what) {
        CaptureException e = assertThrows(CaptureException.class, () -> new WavPlayer(file, frames16k(), true));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains(what), e.getMessage());
    }

    private static WavFileSource source(Path file) {
        return new WavFileSource(file, true);
    }

    private static CaptureSpec spec() {
        return new CaptureSpec("bob", MediaFormat.audio(16000, 1, 20));
    }

    private static AudioFrames frames16k() throws CaptureException {
        return AudioFrames.of(MediaFormat.audio(16000, 1, 20));
    }

    private static short[] concat(WavPlayer player, int count) {
        short[] out = new short[count * FRAME];
        for (int i = 0; i < count; i++) {
            System.arraycopy(player.nextFrame().samples(), 0, out, i * FRAME, FRAME);
        }
        return out;
    }

    /** Everything one pass of the file gives at the rate. */
    private static short[] onePass(Path file, int rate) throws Exception {
        try (WavReader reader = WavReader.open(file)) {
            Resampler resampler = new Resampler(reader, rate);
            short[] out = new short[1 << 20];
            int length = 0;
            int read;
            while ((read = resampler.read(out, length, 777)) > 0) {
                length += read;
            }
            return Arrays.copyOf(out, length);
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }

    /** A canonical integer PCM WAV file. */
    static byte[] wav(int rate, int channels, int bits, byte[] data) {
        return wav(rate, channels, bits, 1, data);
    }

    /** A WAV file of any format tag (1 integer PCM, 3 float) with the canonical 16-byte fmt chunk. */
    static byte[] wav(int rate, int channels, int bits, int formatTag, byte[] data) {
        int block = channels * bits / 8;
        ByteBuffer wav = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) formatTag).putShort((short) channels)
                .putInt(rate).putInt(rate * block).putShort((short) block).putShort((short) bits);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return wav.array();
    }

    static byte[] pcm16(short[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples);
        return bytes.array();
    }

    private static short[] noise(int length, long seed) {
        Random random = new Random(seed);
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (short) random.nextInt(65536);
        }
        return samples;
    }

    private static int signChanges(short[] samples) {
        int changes = 0;
        for (int i = 1; i < samples.length; i++) {
            if ((samples[i - 1] < 0) != (samples[i] < 0)) {
                changes++;
            }
        }
        return changes;
    }

    private static int peak(short[] samples) {
        int peak = 0;
        for (short sample : samples) {
            peak = Math.max(peak, Math.abs(sample));
        }
        return peak;
    }

    private static double rms(short[] samples) {
        double sum = 0;
        for (short sample : samples) {
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / samples.length);
    }
}
