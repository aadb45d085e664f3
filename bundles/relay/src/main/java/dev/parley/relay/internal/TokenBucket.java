package dev.parley.relay.internal;

/**
 * A token bucket: {@code rate} tokens a second, holding at most {@code burst}. {@link #take} always takes what it is
 * asked for, so the level may go below zero; the answer is how long the sender must then wait for the level to
 * be back at zero. Confined to one connection's event loop.
 */
final class TokenBucket {
    private final double rate;
    private final double burst;
    private double level;
    private long lastNanos;

    /** @param rate tokens per second; 0 or less means no limit */
    TokenBucket(double rate, double burst, long nowNanos) {
        this.rate = rate;
        this.burst = Math.max(burst, 1);
        this.level = this.burst;
        this.lastNanos = nowNanos;
    }

    /** Takes {@code tokens}; returns 0, or the nanoseconds until the bucket is no longer in debt. */
    long take(double tokens, long nowNanos) {
        if (rate <= 0) return 0;
        level = Math.min(burst, level + (nowNanos - lastNanos) / 1e9 * rate);
        lastNanos = nowNanos;
        level -= tokens;
        return level >= 0 ? 0 : (long) Math.ceil(-level / rate * 1e9);
    }
}
