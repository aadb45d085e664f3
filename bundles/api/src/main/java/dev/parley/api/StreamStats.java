package dev.parley.api;

/**
 * A snapshot of one stream's counters on a bus.
 *
 * @param key            the stream
 * @param senderName     the sender's display name, if known
 * @param codec          codec id of the latest frame
 * @param framesIn       frames published on the bus
 * @param bytesIn        payload bytes published
 * @param framesOut      frames delivered to subscribers (one per subscriber)
 * @param dropped        frames dropped by subscriber queues
 * @param fps            frames published per second over the last measuring window
 * @param kbps           payload kilobits published per second over the last window
 * @param latencyP50Micros median capture-to-bus latency over the last window, -1 if unknown
 * @param latencyP99Micros 99th percentile of the same, -1 if unknown
 */
public record StreamStats(StreamKey key, String senderName, String codec, long framesIn, long bytesIn, long framesOut,
                          long dropped, double fps, double kbps, long latencyP50Micros, long latencyP99Micros) {

    /** The live figures on one line, as the console and the demo print them. */
    public String summary() {
        String latency = latencyP50Micros < 0 ? "latency -"
                : String.format("latency p50 %.1f ms p99 %.1f ms", latencyP50Micros / 1000.0, latencyP99Micros / 1000.0);
        return String.format("%5.1f fps %7.1f kbit/s  %s  drops %d  %s", fps, kbps, latency, dropped,
                codec.isEmpty() ? "" : codec);
    }
}
