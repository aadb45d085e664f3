package dev.parley.bus.internal;

import dev.parley.api.StreamKey;
import dev.parley.api.StreamStats;
import java.util.Arrays;

/** Counters of one stream, with rates and latency percentiles over a rolling one-second window. */
final class StreamCounters {
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private static final int MAX_SAMPLES = 512;

    private final StreamKey key;
    private String senderName = "";
    private String codec = "";
    private long framesIn;
    private long bytesIn;
    private long framesOut;
    private long dropped;

    private long windowStart;
    private long windowFrames;
    private long windowBytes;
    private final long[] latencies = new long[MAX_SAMPLES];
    private int latencyCount;

    private double fps;
    private double kbps;
    private long p50 = -1;
    private long p99 = -1;
    private boolean rolled;

    StreamCounters(StreamKey key, long nowNanos) {
        this.key = key;
        this.windowStart = nowNanos;
    }

    synchronized void published(String name, String codecId, int bytes, long latencyMicros, long nowNanos) {
        roll(nowNanos);
        senderName = name;
        codec = codecId;
        framesIn++;
        bytesIn += bytes;
        windowFrames++;
        windowBytes += bytes;
        if (latencyMicros >= 0 && latencyCount < MAX_SAMPLES) latencies[latencyCount++] = latencyMicros;
    }

    synchronized void delivered() { framesOut++; }

    synchronized void dropped() { dropped++; }

    synchronized StreamStats snapshot(long nowNanos) {
        roll(nowNanos);
        double open = (nowNanos - windowStart) / 1e9;
        if (!rolled && open >= 0.25) {
            // The first window is still open: show its rate so far rather than nothing.
            double seconds = open;
            return new StreamStats(key, senderName, codec, framesIn, bytesIn, framesOut, dropped,
                    windowFrames / seconds, windowBytes * 8 / 1000.0 / seconds, p50, p99);
        }
        return new StreamStats(key, senderName, codec, framesIn, bytesIn, framesOut, dropped, fps, kbps, p50, p99);
    }

    private void roll(long nowNanos) {
        long elapsed = nowNanos - windowStart;
        if (elapsed < WINDOW_NANOS) return;
        if (elapsed >= 2 * WINDOW_NANOS) {
            // Nothing arrived for a whole window: the stream is idle, not running at the old rate.
            windowFrames = 0;
            windowBytes = 0;
            latencyCount = 0;
        }
        double seconds = elapsed / 1e9;
        fps = windowFrames / seconds;
        kbps = windowBytes * 8 / 1000.0 / seconds;
        if (latencyCount > 0) {
            long[] sorted = Arrays.copyOf(latencies, latencyCount);
            Arrays.sort(sorted);
            p50 = sorted[(sorted.length - 1) / 2];
            p99 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.99) - 1)];
        } else if (windowFrames == 0) {
            p50 = -1;
            p99 = -1;
        }
        windowStart = nowNanos;
        windowFrames = 0;
        windowBytes = 0;
        latencyCount = 0;
        rolled = true;
    }
}
