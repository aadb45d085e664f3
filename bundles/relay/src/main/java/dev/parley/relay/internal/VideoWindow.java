package dev.parley.relay.internal;

/**
 * How many unacknowledged video frames one receiver may have in flight, sized from how long its acknowledgements
 * take rather than from how many frames it took (a rate the window itself would cap).
 *
 * <p>Every frame written is stamped with the time it went out. A RECEIVED tells the relay which frames the receiver
 * has read; the delay of the newest of them, from the relay's write to the acknowledgement's arrival, is what the
 * frames waited in sockets and in the receiver. From that delay:
 * <ul>
 * <li>below half the latency target, and the window was what held video back since the last acknowledgement: the
 * window grows by the frames just acknowledged, so it doubles every round trip while the receiver keeps up. A fast
 * receiver in a room of 48 (some 1,400 frames a second) so reaches the window it needs in a few round trips, and
 * there is no ceiling a large room could exceed;</li>
 * <li>above the latency target: the window shrinks in proportion (a delay of three times the target leaves a third of
 * the window), at most once per window of frames, so one slow round trip is not counted many times over;</li>
 * <li>in between: the window stays as it is.</li>
 * </ul>
 * A receiver that reads 10 frames a second so holds one frame in flight, and the video it reads is at most about
 * one frame old; one that does not read at all holds what it had and gets nothing more. Confined to the receiver's
 * event loop: not thread-safe.
 */
final class VideoWindow {
    static final int MIN = 1;

    private final long targetNanos;
    private long[] sentAt = new long[64];
    private int sent;
    private int acked;
    private int size;
    private boolean limited;
    /** No shrinking again until the frames sent after the last shrink are acknowledged. */
    private int shrinkFence;
    private long lastDelayNanos = -1;

    VideoWindow(int initial, int latencyTargetMillis) {
        this.size = Math.max(MIN, initial);
        this.targetNanos = Math.max(1, latencyTargetMillis) * 1_000_000L;
    }

    /** A window whose counters start at {@code count} rather than 0, as after 2^32 frames (for tests of wrapping). */
    static VideoWindow startingAt(int initial, int latencyTargetMillis, int count) {
        VideoWindow w = new VideoWindow(initial, latencyTargetMillis);
        w.sent = count;
        w.acked = count;
        w.shrinkFence = count;
        return w;
    }

    /** Whether one more frame may be written now. */
    boolean open() {
        return sent - acked < size;
    }

    /** A frame was held back because the window was full: it is what limits this receiver. */
    void held() {
        limited = true;
    }

    /** A video frame was written at {@code nowNanos}. */
    void sent(long nowNanos) {
        int inFlight = sent - acked;
        if (inFlight >= sentAt.length) grow();
        sentAt[sent & (sentAt.length - 1)] = nowNanos;
        sent++;
    }

    private void grow() {
        long[] bigger = new long[sentAt.length * 2];
        for (int i = acked; i != sent; i++) bigger[i & (bigger.length - 1)] = sentAt[i & (sentAt.length - 1)];
        sentAt = bigger;
    }

    /**
     * The receiver reported {@code count} video frames read in total (a wrapping u32). A count behind an earlier one
     * is stale and ignored; one ahead of what was sent counts as everything sent.
     */
    void acknowledged(int count, long nowNanos) {
        if (count - sent > 0) count = sent;
        int newly = count - acked;
        if (newly <= 0) return;
        acked = count;
        long delay = nowNanos - sentAt[(count - 1) & (sentAt.length - 1)];
        lastDelayNanos = delay;
        if (delay > targetNanos) {
            if (acked - shrinkFence >= 0) {
                size = (int) Math.max(MIN, size * (double) targetNanos / delay);
                shrinkFence = sent;
            }
        } else if (delay < targetNanos / 2 && limited) {
            size += newly;
        }
        limited = false;
    }

    int size() { return size; }

    int inFlight() { return sent - acked; }

    /** Frames written so far (wrapping). */
    int sent() { return sent; }

    /** The delay of the latest acknowledgement in nanoseconds, or -1 before the first. */
    long lastDelayNanos() { return lastDelayNanos; }

    @Override
    public String toString() {
        return "VideoWindow[size=" + size + " inFlight=" + inFlight() + " lastDelay=" + lastDelayNanos / 1_000_000 + " ms"
                + "]";
    }
}
