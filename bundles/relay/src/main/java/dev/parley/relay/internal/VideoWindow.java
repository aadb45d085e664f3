package dev.parley.relay.internal;

/**
 * How many unacknowledged video frames one receiver may have in flight. It starts at the configured window and
 * follows the receiver's measured consumption: as many frames as it acknowledges in {@code latencyTargetMillis},
 * between {@link #MIN} and {@code max}. A fast reader so gets enough frames in flight to keep every stream at full
 * rate, and a slow one holds only a frame or two, which bounds its latency instead of filling its socket.
 */
final class VideoWindow {
    static final int MIN = 2;
    private static final long SAMPLE_NANOS = 100_000_000L;

    private final double targetSeconds;
    private final int max;
    private int size;
    private long sampleStart;
    private int sampleStartCount;
    private double rate = -1;

    VideoWindow(int initial, int max, int latencyTargetMillis) {
        this.max = Math.max(MIN, max);
        this.size = Math.max(MIN, Math.min(this.max, initial));
        this.targetSeconds = latencyTargetMillis / 1000.0;
    }

    /** The receiver has acknowledged {@code count} video frames in total by {@code nowNanos}. */
    void acknowledged(int count, long nowNanos) {
        if (sampleStart == 0) {
            sampleStart = nowNanos;
            sampleStartCount = count;
            return;
        }
        long elapsed = nowNanos - sampleStart;
        if (elapsed < SAMPLE_NANOS) return;
        double sample = (count - sampleStartCount) * 1e9 / elapsed;
        rate = rate < 0 ? sample : 0.5 * rate + 0.5 * sample;
        size = (int) Math.max(MIN, Math.min(max, Math.ceil(rate * targetSeconds)));
        sampleStart = nowNanos;
        sampleStartCount = count;
    }

    int size() { return size; }

    /** Video frames per second the receiver consumes, or -1 before the first measurement. */
    double rate() { return rate; }
}
