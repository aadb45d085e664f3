package dev.parley.api.capture;

import dev.parley.api.StreamKey;
import dev.parley.api.StreamStats;

/**
 * How one remote audio stream plays here: how its packets arrive and what the jitter buffer made of them.
 *
 * @param key           the stream
 * @param senderName    the sender's display name, if known
 * @param jitterMillis  inter-arrival jitter, estimated as RFC 3550 does from arrival time against capture time
 * @param depthMillis   audio waiting in the stream's jitter buffer after the last mixer tick
 * @param targetMillis  how much audio the buffer aims to keep waiting: 20 to 80 ms, following jitter and late packets
 * @param played        frames mixed into the output as they were received
 * @param late          frames dropped because they came after their turn to play, or twice
 * @param concealed     20 ms frames made up because the stream had none in time (a fading repeat, then silence)
 * @param latencyMillis capture to the sink line: the time a frame was written to the line less its capture time,
 *                      smoothed; -1 before the first frame
 */
public record PlayoutStats(StreamKey key, String senderName, double jitterMillis, double depthMillis,
                           double targetMillis, long played, long late, long concealed, double latencyMillis) {

    /**
     * Audio/video skew against the same sender's video: the video's median latency on the bus (capture to arrival)
     * less this stream's latency to the sink line, in ms. Positive: the sound is ahead of the picture; negative:
     * behind it. ITU-R BT.1359 finds +45 ms to -125 ms undetectable. NaN when either latency is not known yet.
     */
    public double skewMillis(StreamStats video) {
        if (video == null || video.latencyP50Micros() < 0 || latencyMillis < 0) return Double.NaN;
        return video.latencyP50Micros() / 1000.0 - latencyMillis;
    }

    /** The figures on one line, as the console prints them. */
    public String summary() {
        String latency = latencyMillis < 0 ? "latency -" : String.format("latency %.1f ms", latencyMillis);
        return String.format("jitter %.1f ms  buffer %.0f ms (target %.0f)  %s  played %d  late %d  concealed %d",
                jitterMillis, depthMillis, targetMillis, latency, played, late, concealed);
    }
}
