package dev.parley.protocol;

/**
 * Estimates the offset between this side's wall clock and the other side's from PING/PONG exchanges, as NTP does:
 * {@code offset = ((t2 - t1) + (t3 - t4)) / 2}, {@code rtt = (t4 - t1) - (t3 - t2)}. Of the last few samples the
 * one with the smallest round trip wins, since queueing delay only ever adds to it. Thread-safe.
 */
public final class ClockEstimator {
    private static final int SAMPLES = 8;
    private final long[] offsets = new long[SAMPLES];
    private final long[] rtts = new long[SAMPLES];
    private int count;
    private int next;
    private long offset;
    private long rtt = -1;

    /**
     * Adds one exchange.
     *
     * @param pong the answer to a PING this side sent at {@code pong.t1()}
     * @param t4   this side's clock in µs when the PONG arrived
     */
    public synchronized void add(Messages.Pong pong, long t4) {
        long sampleRtt = (t4 - pong.t1()) - (pong.t3() - pong.t2());
        long sampleOffset = ((pong.t2() - pong.t1()) + (pong.t3() - t4)) / 2;
        if (sampleRtt < 0) sampleRtt = 0;
        offsets[next] = sampleOffset;
        rtts[next] = sampleRtt;
        next = (next + 1) % SAMPLES;
        count = Math.min(count + 1, SAMPLES);
        int best = 0;
        for (int i = 1; i < count; i++) if (rtts[i] < rtts[best]) best = i;
        offset = offsets[best];
        rtt = rtts[best];
    }

    /** Other side's clock minus this side's, in µs; 0 until the first sample. */
    public synchronized long offsetMicros() { return offset; }

    /** Best recent round-trip time in µs, or -1 until the first sample. */
    public synchronized long roundTripMicros() { return rtt; }

    /** Converts a time on this side's clock to the other side's. */
    public long toRemote(long localMicros) { return localMicros + offsetMicros(); }

    /** Converts a time on the other side's clock to this side's. */
    public long toLocal(long remoteMicros) { return remoteMicros - offsetMicros(); }

    /** Wall clock in µs since the epoch. */
    public static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
