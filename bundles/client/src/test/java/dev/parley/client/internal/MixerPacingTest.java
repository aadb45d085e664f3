package dev.parley.client.internal;

import static dev.parley.client.internal.FakeAudio.FRAME_MICROS;
import static dev.parley.client.internal.FakeAudio.START_MICROS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.capture.AudioSink;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.MediaFormat;
import org.junit.jupiter.api.Test;

/**
 * The mixer's loop on a hand-set clock that moves when the mixer (or the sink) sleeps: a sender produces a frame
 * every 20 ms of that clock, and the line must stay a few frames ahead of real time, whoever paces it.
 */
class MixerPacingTest {
    private static final int RATE = 16000;
    private final FakeAudio.Clock clock = new FakeAudio.Clock();
    private long written;
    private long largestLeadMicros;

    private long starved;

    /**
     * A sink whose line holds {@code capacity} frames: play blocks (the clock moves) while it is full. Its own clock
     * plays a frame in {@code frameMicros} of the test's: a sound card's crystal is never quite the machine's.
     */
    private final class LineSink implements AudioSink {
        final int capacity;
        final long frameMicros;
        long lineUntil = Long.MIN_VALUE;

        LineSink(int capacity) { this(capacity, FRAME_MICROS); }

        LineSink(int capacity, long frameMicros) {
            this.capacity = capacity;
            this.frameMicros = frameMicros;
        }

        @Override public String id() { return "line"; }
        @Override public String description() { return "a line of " + capacity + " frames"; }

        @Override
        public Playback open(MediaFormat format) {
            return new Playback() {
                @Override
                public void play(AudioSamples samples) {
                    if (lineUntil == Long.MIN_VALUE) lineUntil = clock.wallMicros();
                    if (lineUntil < clock.wallMicros()) starved++;
                    long full = lineUntil - clock.wallMicros() - (capacity - 1) * frameMicros;
                    if (full > 0) clock.sleepNanos(full * 1000);
                    lineUntil = Math.max(lineUntil, clock.wallMicros()) + frameMicros;
                    written++;
                    largestLeadMicros = Math.max(largestLeadMicros, lineUntil - clock.wallMicros());
                }

                @Override public long skipped() { return 0; }
                @Override public void close() { }
            };
        }
    }

    /** The mixing thread's loop, for {@code seconds} of the clock, with the sender keeping up in real time. */
    private Mixer run(AudioSink sink, int seconds) throws InterruptedException {
        Mixer mixer = new Mixer(() -> sink, clock);
        long sent = 0;
        boolean lineOpen = false;
        while (clock.wallMicros() < START_MICROS + seconds * 1_000_000L) {
            if (lineOpen) mixer.awaitLine();
            for (; START_MICROS + sent * FRAME_MICROS <= clock.wallMicros(); sent++) {
                long captured = START_MICROS + sent * FRAME_MICROS;
                mixer.offer(FakeAudio.frame(1, sent, captured), new AudioSamples(FakeAudio.sine((int) sent, 440, 8000, RATE), RATE, 1));
            }
            lineOpen = mixer.mixOnce();
            if (!lineOpen) clock.sleepNanos(FRAME_MICROS * 1000);
        }
        return mixer;
    }

    @Test
    void aSinkThatTakesFramesAtOnceIsHeldAFewFramesAheadOfRealTime() throws InterruptedException {
        // The null sink lets a writer run 100 ms ahead, this one even more: the mixer holds itself to its own line.
        Mixer mixer = run(new LineSink(50), 10);

        assertEquals(Mixer.LINE_FRAMES * FRAME_MICROS, largestLeadMicros);
        assertEquals(0, starved);
        assertEquals(0, mixer.stats().get(0).concealed());
        assertEquals(0, mixer.stats().get(0).late());
        long elapsedFrames = 10 * 50;
        assertTrue(Math.abs(written - elapsedFrames) <= Mixer.LINE_FRAMES + 1, "written " + written);
    }

    @Test
    void aSinkWhoseLineFillsPacesTheMixerByItself() throws InterruptedException {
        Mixer mixer = run(new LineSink(2), 10);

        assertEquals(2 * FRAME_MICROS, largestLeadMicros);
        assertEquals(0, starved);
        assertEquals(0, mixer.stats().get(0).concealed());
        assertEquals(0, mixer.stats().get(0).late());
        assertTrue(Math.abs(written - 10 * 50) <= Mixer.LINE_FRAMES + 1, "written " + written);
    }

    @Test
    void aSoundCardWhoseClockRunsFastIsNeverLeftWithoutAudio() throws InterruptedException {
        // 1 % fast: it plays 20 ms of audio in 19.8 ms. The sender's frames come at the machine's pace, so its
        // jitter buffer runs dry now and then and is concealed; the line itself must never run dry.
        run(new LineSink(3, 19_800), 30);

        assertEquals(0, starved);
        assertTrue(largestLeadMicros <= 3 * 19_800, "lead " + largestLeadMicros);
    }
}
