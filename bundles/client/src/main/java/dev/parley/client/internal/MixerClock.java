package dev.parley.client.internal;

import dev.parley.protocol.ClockEstimator;

/**
 * The playout's time, separate so tests drive the jitter buffers and the mixer on a fake clock: the bus's wall clock
 * (capture times are on it, so arrival against capture and latency are measured with it), and a monotonic clock
 * with sleeping for pacing, which a wall clock set back or forward must not disturb.
 */
interface MixerClock {
    MixerClock SYSTEM = new MixerClock() {
        @Override
        public long wallMicros() {
            return ClockEstimator.nowMicros();
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    /** Microseconds since the epoch, as {@link dev.parley.api.MediaFrame#captureMicros()}. */
    long wallMicros();

    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;
}
