package dev.parley.capture.audio.internal;

import dev.parley.api.capture.AudioSink;
import dev.parley.api.codec.AudioSamples;

/**
 * Plays audio into nothing, in real time, as a sound card would take it.
 *
 * <p>The rule: a play-out clock says when the next frame would start to sound. The first frame sounds at once;
 * each frame moves the clock on by its own duration.
 * <ul>
 *   <li>Ahead: if a frame would start more than {@code maxLead} (default 100 ms) in the future, {@link #play} sleeps
 *       until it is {@code maxLead} ahead, like a write into a full 100 ms line buffer. A producer that runs ahead is
 *       thus held to real time and each call blocks for about one frame at most.</li>
 *   <li>Slightly behind (up to {@code maxLag}, default 200 ms): the frame plays without waiting, so frames that
 *       come in a burst after a hiccup catch up.</li>
 *   <li>Far behind (more than {@code maxLag}): the backlog is given up; the frame is counted as skipped and
 *       the clock restarts at the current time.</li>
 * </ul>
 * One thread plays at a time; the counters may be read from any thread.
 */
final class NullPlayback implements AudioSink.Playback {
    static final long DEFAULT_MAX_LEAD_NANOS = 100_000_000L;
    static final long DEFAULT_MAX_LAG_NANOS = 200_000_000L;

    private final PlayoutClock clock;
    private final long maxLeadNanos;
    private final long maxLagNanos;
    private boolean started;
    private long playAt;
    private volatile long played;
    private volatile long skipped;
    private volatile boolean closed;

    NullPlayback(PlayoutClock clock, long maxLeadNanos, long maxLagNanos) {
        this.clock = clock;
        this.maxLeadNanos = maxLeadNanos;
        this.maxLagNanos = maxLagNanos;
    }

    @Override
    public void play(AudioSamples samples) {
        if (closed) {
            return;
        }
        long now = clock.nanoTime();
        if (!started) {
            started = true;
            playAt = now;
        }
        long lead = playAt - now;
        if (lead < -maxLagNanos) {
            skipped++;
            playAt = now;
            return;
        }
        if (lead > maxLeadNanos) {
            try {
                clock.sleepNanos(lead - maxLeadNanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        playAt += samples.durationMicros() * 1000;
        played++;
    }

    /** Frames played (thrown away in time). */
    long played() {
        return played;
    }

    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    public void close() {
        closed = true;
    }
}
