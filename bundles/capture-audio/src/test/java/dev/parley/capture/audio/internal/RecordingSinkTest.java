package dev.parley.capture.audio.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.capture.AudioSink.Playback;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.MediaFormat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingSinkTest {
    private static final long MS = 1_000_000L;
    private static final int FRAME = 320;

    /** Time that moves only when told to, or when the playback sleeps. */
    private static final class FakeClock implements PlayoutClock {
        long now = 1_000 * MS;
        long slept;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
            slept += nanos;
        }
    }

    @TempDir
    Path folder;

    private final FakeClock clock = new FakeClock();

    @Test
    void whatIsPlayedIsReadBackSampleForSampleWithTheRightHeader() throws Exception {
        Path file = folder.resolve("call.wav");
        short[] played = ramp(70 * FRAME, 1);
        RecordingPlayback playback = RecordingPlayback.create(file, 16000, 1, clock, RecordingPlayback.MAX_DATA_BYTES);

        playFrames(playback, played, 1, 16000);
        playback.close();

        assertArrayEquals(played, readBack(file, 16000, 1));
        assertHeaderSizes(file, played.length * 2L);
        assertEquals(0, playback.skipped());
    }

    @Test
    void stereoIsWrittenInterleavedWithTwoChannelsInTheHeader() throws Exception {
        Path file = folder.resolve("stereo.wav");
        short[] played = ramp(10 * 2 * 960, 7);
        RecordingPlayback playback = RecordingPlayback.create(file, 48000, 2, clock, RecordingPlayback.MAX_DATA_BYTES);

        playFrames(playback, played, 2, 48000);
        playback.close();

        assertArrayEquals(played, readBack(file, 48000, 2));
        assertHeaderSizes(file, played.length * 2L);
    }

    @Test
    void aRecordingThatIsNeverClosedIsReadableUpToItsLastSecond() throws Exception {
        Path file = folder.resolve("killed.wav");
        short[] played = ramp(60 * FRAME, 3);
        RecordingPlayback playback = RecordingPlayback.create(file, 16000, 1, clock, RecordingPlayback.MAX_DATA_BYTES);

        playFrames(playback, played, 1, 16000);

        // one second (50 frames) has been written and the header says so; the last 10 frames are still pending
        assertArrayEquals(Arrays.copyOf(played, 50 * FRAME), readBack(file, 16000, 1));
        assertHeaderSizes(file, 50 * FRAME * 2L);
        playback.close();
        assertArrayEquals(played, readBack(file, 16000, 1));
    }

    @Test
    void aBurstIsPacedInRealTimeAsTheNullSinkPacesIt() throws Exception {
        RecordingPlayback playback = RecordingPlayback.create(folder.resolve("burst.wav"), 16000, 1, clock,
                RecordingPlayback.MAX_DATA_BYTES);

        playFrames(playback, ramp(50 * FRAME, 5), 1, 16000);
        playback.close();

        // the last frame starts at 49 x 20 ms; play returns once it is no more than 100 ms ahead
        assertEquals((49 * 20 - 100) * MS, clock.slept);
    }

    @Test
    void framesFarBehindRealTimeAreSkippedAndNotWritten() throws Exception {
        Path file = folder.resolve("stall.wav");
        RecordingPlayback playback = RecordingPlayback.create(file, 16000, 1, clock, RecordingPlayback.MAX_DATA_BYTES);
        short[] first = ramp(FRAME, 1);
        short[] late = ramp(FRAME, 2);
        short[] next = ramp(FRAME, 3);

        playback.play(new AudioSamples(first, 16000, 1));
        clock.now += 1_000 * MS; // the stream stalled for a second
        playback.play(new AudioSamples(late, 16000, 1));
        playback.play(new AudioSamples(next, 16000, 1));
        playback.close();

        assertEquals(1, playback.skipped());
        short[] expected = Arrays.copyOf(first, 2 * FRAME);
        System.arraycopy(next, 0, expected, FRAME, FRAME);
        assertArrayEquals(expected, readBack(file, 16000, 1));
    }

    @Test
    void framesInAnotherFormatAreSkippedAndCounted() throws Exception {
        Path file = folder.resolve("formats.wav");
        RecordingPlayback playback = RecordingPlayback.create(file, 16000, 1, clock, RecordingPlayback.MAX_DATA_BYTES);
        short[] good = ramp(FRAME, 9);

        playback.play(new AudioSamples(ramp(960, 1), 48000, 1));
        playback.play(new AudioSamples(ramp(640, 1), 16000, 2));
        playback.play(new AudioSamples(good, 16000, 1));
        playback.close();

        assertEquals(2, playback.skipped());
        assertArrayEquals(good, readBack(file, 16000, 1));
    }

    @Test
    void writingStopsAtTheLargestSizeAWavFileCanHaveAndTheHeaderStaysRight() throws Exception {
        Path file = folder.resolve("full.wav");
        RecordingPlayback playback = RecordingPlayback.create(file, 16000, 1, clock, 3 * FRAME * 2 + 100);
        short[] played = ramp(5 * FRAME, 11);

        playFrames(playback, played, 1, 16000);
        playback.close();

        assertArrayEquals(Arrays.copyOf(played, 3 * FRAME), readBack(file, 16000, 1));
        assertHeaderSizes(file, 3 * FRAME * 2L);
    }

    @Test
    void aClosedPlaybackWritesNothingMore() throws Exception {
        Path file = folder.resolve("closed.wav");
        RecordingPlayback playback = RecordingPlayback.create(file, 16000, 1, clock, RecordingPlayback.MAX_DATA_BYTES);
        short[] played = ramp(FRAME, 2);
        playback.play(new AudioSamples(played, 16000, 1));
        playback.close();

        playback.play(new AudioSamples(ramp(FRAME, 3), 16000, 1));
        playback.close(); // closing twice is harmless

        assertArrayEquals(played, readBack(file, 16000, 1));
    }

    @Test
    void eachPlaybackRecordsIntoAFileOfItsOwn() throws Exception {
        RecordingSink sink = new RecordingSink(folder.resolve("rec/call.wav").toString());
        short[][] played = {ramp(FRAME, 1), ramp(FRAME, 2), ramp(FRAME, 3)};

        for (short[] samples : played) {
            try (Playback playback = sink.open(MediaFormat.audio(16000, 1, 20))) {
                playback.play(new AudioSamples(samples, 16000, 1));
            }
        }

        assertArrayEquals(played[0], readBack(folder.resolve("rec/call.wav"), 16000, 1));
        assertArrayEquals(played[1], readBack(folder.resolve("rec/call-2.wav"), 16000, 1));
        assertArrayEquals(played[2], readBack(folder.resolve("rec/call-3.wav"), 16000, 1));
    }

    @Test
    void numberedNamesGoBeforeTheExtension() {
        assertEquals(Path.of("/a/b/call.wav"), RecordingSink.numbered(Path.of("/a/b/call.wav"), 1));
        assertEquals(Path.of("/a/b/call-2.wav"), RecordingSink.numbered(Path.of("/a/b/call.wav"), 2));
        assertEquals(Path.of("/a/b.d/take.one-3.WAV"), RecordingSink.numbered(Path.of("/a/b.d/take.one.WAV"), 3));
        assertEquals(Path.of("/a/rec-2"), RecordingSink.numbered(Path.of("/a/rec"), 2));
        assertEquals(Path.of("/a/.wav-2"), RecordingSink.numbered(Path.of("/a/.wav"), 2));
    }

    @Test
    void aPathThatCannotBeWrittenIsACaptureExceptionNamingIt() throws Exception {
        Path blocker = Files.writeString(folder.resolve("not-a-folder"), "x");
        Path file = blocker.resolve("call.wav");

        CaptureException e = assertThrows(CaptureException.class,
                () -> new RecordingSink(file.toString()).open(MediaFormat.audio(16000, 1, 20)));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void withoutAPathOpeningSaysWhatToSet() {
        CaptureException e = assertThrows(CaptureException.class,
                () -> new RecordingSink(" ").open(MediaFormat.audio(16000, 1, 20)));

        assertTrue(e.getMessage().contains("path") && e.getMessage().contains(RecordingSink.PID), e.getMessage());
    }

    /** Plays the samples in 20 ms frames. */
    private static void playFrames(Playback playback, short[] samples, int channels, int rate) {
        int frame = rate / 50 * channels;
        for (int at = 0; at < samples.length; at += frame) {
            playback.play(new AudioSamples(Arrays.copyOfRange(samples, at, at + frame), rate, channels));
        }
    }

    /** The file's samples as javax.sound reads them, after checking the format it reports. */
    private static short[] readBack(Path file, int rate, int channels) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat format = in.getFormat();
            assertEquals(AudioFormat.Encoding.PCM_SIGNED, format.getEncoding());
            assertEquals(rate, format.getSampleRate());
            assertEquals(channels, format.getChannels());
            assertEquals(16, format.getSampleSizeInBits());
            assertTrue(!format.isBigEndian());
            byte[] bytes = in.readAllBytes();
            assertEquals(in.getFrameLength() * channels * 2, bytes.length);
            short[] samples = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
            return samples;
        }
    }

    private static void assertHeaderSizes(Path file, long dataBytes) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(44 + dataBytes, bytes.capacity(), "file length");
        assertEquals(36 + dataBytes, bytes.getInt(4), "RIFF size");
        assertEquals(dataBytes, bytes.getInt(40), "data size");
    }

    /** Distinct samples, so a lost, repeated or reordered frame shows. */
    private static short[] ramp(int length, int seed) {
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (short) (i * 7 + seed * 1013);
        }
        return samples;
    }
}
