package dev.parley.capture.audio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.capture.AudioSink.Playback;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.MediaFormat;
import org.junit.jupiter.api.Test;

class NullSinkTest {
    private static final long MS = 1_000_000L;
    private static final AudioSamples FRAME = new AudioSamples(new short[320], 16000, 1);

    /** Time that moves only when told to, or when the playback sleeps. */
    private static final class FakeClock implements PlayoutClock {
        long now = 1_000 * MS;
        long slept;
        long longestSleep;

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void sleepNanos(long nanos) {
            now += nanos;
            slept += nanos;
            longestSleep = Math.max(longestSleep, nanos);
        }
    }

    private final FakeClock clock = new FakeClock();
    private final NullPlayback playback = new NullPlayback(clock, 100 * MS, 200 * MS);

    @Test
    void framesFedInRealTimeAreAllPlayedWithoutWaiting() {
        for (int i = 0; i < 50; i++) {
            playback.play(FRAME);
            clock.now += 20 * MS;
        }

        assertEquals(50, playback.played());
        assertEquals(0, playback.skipped());
        assertEquals(0, clock.slept);
    }

    @Test
    void aBurstIsHeldToRealTimeWithAtMostAFrameOfWaitPerCall() {
        for (int i = 0; i < 50; i++) {
            playback.play(FRAME);
        }

        assertEquals(50, playback.played());
        assertEquals(0, playback.skipped());
        // the last frame starts at 49 x 20 ms; play returns once it is no more than 100 ms ahead
        assertEquals((49 * 20 - 100) * MS, clock.slept);
        assertTrue(clock.longestSleep <= 20 * MS, "longest wait " + clock.longestSleep / MS + " ms");
    }

    @Test
    void framesFarBehindRealTimeAreSkippedAndTheClockRestarts() {
        for (int i = 0; i < 5; i++) {
            playback.play(FRAME);
            clock.now += 20 * MS;
        }
        clock.now += 1_000 * MS; // the stream stalled for a second

        playback.play(FRAME);
        for (int i = 0; i < 5; i++) {
            playback.play(FRAME);
            clock.now += 20 * MS;
        }

        assertEquals(1, playback.skipped());
        assertEquals(10, playback.played());
    }

    @Test
    void framesALittleLateAfterAHiccupCatchUpInsteadOfBeingSkipped() {
        playback.play(FRAME);
        clock.now += 150 * MS; // seven frames' worth of delay, then they arrive together

        for (int i = 0; i < 8; i++) {
            playback.play(FRAME);
        }

        assertEquals(0, playback.skipped());
        assertEquals(9, playback.played());
        assertEquals(0, clock.slept);
    }

    @Test
    void aClosedPlaybackIgnoresFrames() {
        playback.close();

        playback.play(FRAME);

        assertEquals(0, playback.played());
    }

    @Test
    void theRealSinkPlaysFramesOnTheSystemClockAndReturns() throws Exception {
        try (Playback real = new NullSink().open(MediaFormat.audio(16000, 1, 20))) {
            for (int i = 0; i < 10; i++) {
                real.play(FRAME);
            }
            assertTrue(real.skipped() <= 10);
            assertEquals(10, ((NullPlayback) real).played() + real.skipped());
        }
    }
}
