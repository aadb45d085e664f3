package dev.parley.capture.audio.internal;

/** Monotonic time and sleeping, separate so tests can run the null sink's pacing on a fake clock. */
interface PlayoutClock {
    PlayoutClock SYSTEM = new PlayoutClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        }
    };

    long nanoTime();

    void sleepNanos(long nanos) throws InterruptedException;
}
