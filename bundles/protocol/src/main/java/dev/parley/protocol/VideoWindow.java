package dev.parley.protocol;

/**
 * How many unacknowledged video frames a sender may have in flight on one connection, sized from how long
 * acknowledgements take rather than from how many frames were taken (a rate the window itself would cap). The one
 * flow control of Parley video (docs/PROTOCOL.md, section 8): the relay keeps one per receiver, and every call keeps
 * one for what it sends, to the relay or to a peer.
 *
 * <p>Every frame written is stamped with the time it went out. A RECEIVED tells the sender how many frames the
 * other side has read; the delay of the newest of them, from the write to the acknowledgement's arrival, is what the
 * frames waited in sockets and in the reader. From that delay:
 * <ul>
 * <li>below half the latency target, and the window was what held video back since the last acknowledgement: the
 * window grows by the frames just acknowledged, so it doubles every round trip while the reader keeps up. A fast
 * receiver in a room of 48 (some 1,400 frames a second) so reaches the window it needs in a few round trips, and
 * there is no ceiling a large room could exceed;</li>
 * <li>above the latency target: the window shrinks in proportion (a delay of three times the target leaves a third of
 * the window), at most once per window of frames, so one slow round trip is not counted many times over;</li>
 * <li>in between: the window stays as it is.</li>
 * </ul>
 * A reader that takes 10 frames a second so holds one frame in flight, and the video it reads is at most about
 * one frame old; one that does not read at all holds what it had and gets nothing more. Confined to the
 * connection's event loop: not thread-safe.
 */
public final class VideoWindow {
    public static final int MIN = 1;

    private final long targetNanos;
    private long[] sentAt = new long[64];
    private int sent;
    private int acked;
    private int size;
    private boolean limited;
    /** No shrinking again until the frames sent after the last shrink are acknowledged. */
    private int shrinkFence;
    private long lastDelayNanos = -1;

    public VideoWindow(int initial, int latencyTargetMillis) {
        this.size = Math.max(MIN, initial);
        this.targetNanos = Math.max(1, latencyTargetMillis) * 1_000_000L;
    }

    /** A window whose counters start at {@code count} rather than 0, as after 2^32 frames (for tests of wrapping). */
    public static VideoWindow startingAt(int initial, int latencyTargetMillis, int count) {
        VideoWindow w = new VideoWindow(initial, latencyTargetMillis);
        w.sent = count;
        w.acked = count;
        w.shrinkFence = count;
        return w;
    }

    /** Whether one more frame may be written now. */
    public boolean open() {
        return sent - acked < size;
    }

    /** A frame was held back because the window was full: it is what limits this receiver. */
    public void held() {
        limited = true;
    }

    /** A video frame was written at {@code nowNanos}. */
    public void sent(long nowNanos) {
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
    public void acknowledged(int count, long nowNanos) {
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

    public int size() { return size; }

    public int inFlight() { return sent - acked; }

    /** Frames written so far (wrapping). */
    public int sent() { return sent; }

    /** The delay of the latest acknowledgement in nanoseconds, or -1 before the first. */
    public long lastDelayNanos() { return lastDelayNanos; }

    @Override
    public String toString() {
        return "VideoWindow[size=" + size + " inFlight=" + inFlight() + " lastDelay=" + lastDelayNanos / 1_000_000 + " ms"
                + "]";
    }
}
