package dev.parley.bench.internal;

import java.util.Arrays;

/** Latency samples in microseconds; percentiles on demand. Thread-safe. */
final class LatencySamples {
    private long[] samples = new long[1024];
    private int count;

    synchronized void add(long micros) {
        if (count == samples.length) samples = Arrays.copyOf(samples, count * 2);
        samples[count++] = micros;
    }

    synchronized void addAll(LatencySamples other) {
        long[] theirs;
        int n;
        synchronized (other) {
            theirs = other.samples;
            n = other.count;
        }
        for (int i = 0; i < n; i++) add(theirs[i]);
    }

    /** The p-th percentile (0..100) in microseconds, or -1 without samples. */
    synchronized long percentile(double p) {
        if (count == 0) return -1;
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int at = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, at))];
    }

    synchronized int count() { return count; }
}
