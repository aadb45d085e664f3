package dev.parley.client.internal;

import dev.parley.api.MediaFrame;
import dev.parley.api.StreamKey;
import dev.parley.api.capture.AudioSink;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.PlayoutStats;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.MediaFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mixes the remote audio of one bus into one playback of the best sink present. Every 20 ms its thread takes one
 * turn from each stream's jitter buffer ({@link StreamVoice}), sums the frames in int and clips once to 16 bits,
 * and writes the sum to the line.
 *
 * <p>The mix runs at one rate, that of the first stream to play when the line opens (a stream at another rate is
 * resampled to it), in mono. The line is opened with {@value #LINE_FRAMES} - 1 frames of silence in it, so the
 * first ticks do not drain the jitter buffers to fill it, and then kept at most {@value #LINE_FRAMES} frames ahead
 * of real time. A sink whose {@code play} blocks while its line is full (the sound card's holds 2 to 4 frames, 3 by
 * default) paces the thread by itself: a blocked write resets this estimate, so a sound card whose clock runs a
 * little fast or slow keeps the pace, not the machine's clock. A sink that takes frames at once (the null sink lets
 * a writer run 100 ms ahead) is held to real time here. Either way buffers drain at the rate audio plays and each
 * frame is taken from them as late as it can be. A stream
 * that sent nothing for {@value #IDLE_MICROS} µs has left the mix; with nothing left to play, the line is closed and
 * the thread waits for frames. A sink that cannot be opened or fails is logged and not tried again until another
 * sink is the best; meanwhile the mix is paced and thrown away, so buffers and figures stay live.
 */
final class Mixer {
    static final int DEFAULT_RATE = 16000;
    static final int FRAME_MILLIS = 20;
    static final long FRAME_NANOS = FRAME_MILLIS * 1_000_000L;
    static final int LINE_FRAMES = 4;
    static final long IDLE_MICROS = 1_000_000;
    private static final Logger LOG = LoggerFactory.getLogger(Mixer.class);

    private final Supplier<AudioSink> bestSink;
    private final MixerClock clock;
    private final ConcurrentHashMap<StreamKey, StreamVoice> voices = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();
    private final Object wake = new Object();
    private boolean offered;
    private volatile boolean closed;
    private Thread thread;

    // The line, touched only by the mixing thread (or by a test driving mixOnce).
    private int mixRate;
    private AudioSink sink;
    private AudioSink.Playback playback;
    private long lineUntilNanos;

    Mixer(Supplier<AudioSink> bestSink, MixerClock clock) {
        this.bestSink = bestSink;
        this.clock = clock;
    }

    static int frameLength(int sampleRate) {
        return sampleRate * FRAME_MILLIS / 1000;
    }

    /** Starts the mixing thread. */
    void start() {
        thread = new Thread(this::run, "parley-audio-mixer");
        thread.setDaemon(true);
        thread.start();
    }

    /** A decoded 20 ms frame of a remote stream, from the bus's thread. */
    void offer(MediaFrame frame, AudioSamples samples) {
        long now = clock.wallMicros();
        // compute() so a stream being removed as idle cannot swallow the frame that brings it back.
        voices.compute(frame.streamKey(), (key, voice) -> {
            StreamVoice v = voice != null ? voice
                    : new StreamVoice(key, frame.senderName(), order.getAndIncrement(), now);
            v.offer(frame.senderName(), frame.sequence(), frame.captureMicros(), now, samples);
            return v;
        });
        synchronized (wake) {
            offered = true;
            wake.notifyAll();
        }
    }

    /**
     * One tick: a turn from every stream, summed and written. Returns false, writing nothing, when no stream has
     * anything to play (none has started, or none is left).
     */
    boolean mixOnce() {
        long now = clock.wallMicros();
        List<StreamVoice> playing = new ArrayList<>();
        List<JitterBuffer.Turn> turns = new ArrayList<>();
        for (StreamVoice v : inOrder()) {
            if (now - v.lastArrivalMicros() > IDLE_MICROS) {
                voices.computeIfPresent(v.key(),
                        (key, same) -> now - same.lastArrivalMicros() > IDLE_MICROS ? null : same);
                continue;
            }
            JitterBuffer.Turn turn = v.turn(now);
            if (turn.action() == JitterBuffer.Action.WAIT) continue;
            playing.add(v);
            turns.add(turn);
        }
        if (playing.isEmpty()) return false;
        if (mixRate == 0) mixRate = playing.get(0).sampleRate();
        int[] sum = new int[frameLength(mixRate)];
        for (int i = 0; i < playing.size(); i++) {
            short[] pcm = playing.get(i).render(turns.get(i), mixRate);
            for (int j = 0; j < sum.length; j++) sum[j] += pcm[j];
        }
        short[] out = new short[sum.length];
        for (int j = 0; j < sum.length; j++) out[j] = FrameShaping.clip(sum[j]);
        write(out);
        long written = clock.wallMicros();
        for (StreamVoice v : playing) v.written(written);
        return true;
    }

    private List<StreamVoice> inOrder() {
        List<StreamVoice> all = new ArrayList<>(voices.values());
        all.sort(Comparator.comparingLong(StreamVoice::order));
        return all;
    }

    /** Writes a frame to the best sink's line, opening it (or the new best's) first if needed. */
    private void write(short[] pcm) {
        AudioSink best = bestSink.get();
        if (best != sink) {
            closePlayback();
            sink = best;
            if (best != null) open(best);
        }
        play(pcm);
    }

    private void open(AudioSink best) {
        try {
            playback = best.open(MediaFormat.audio(mixRate, 1, FRAME_MILLIS));
        } catch (CaptureException | RuntimeException e) {
            LOG.warn("Audio sink {} cannot play {} Hz: {}", best.id(), mixRate, e.getMessage());
            return;
        }
        for (int i = 0; i < LINE_FRAMES - 1; i++) play(new short[frameLength(mixRate)]);
    }

    private void play(short[] pcm) {
        long before = clock.nanoTime();
        if (playback != null) {
            try {
                playback.play(new AudioSamples(pcm, mixRate, 1));
            } catch (RuntimeException e) {
                LOG.warn("Audio sink {} failed: {}", sink.id(), e.toString());
                closePlayback();
            }
        }
        long after = clock.nanoTime();
        lineUntilNanos = Math.max(lineUntilNanos, before) + FRAME_NANOS;
        // A play that blocked found the sink's line full: the sink paces, and this estimate must not add a wait.
        if (after - before > FRAME_NANOS / 4) {
            lineUntilNanos = Math.min(lineUntilNanos, after + (LINE_FRAMES - 1) * FRAME_NANOS);
        }
    }

    /** Waits until, by this estimate, the line holds {@value #LINE_FRAMES} - 1 frames or fewer: room for one more. */
    void awaitLine() throws InterruptedException {
        long now = clock.nanoTime();
        long wait = lineUntilNanos - now - (LINE_FRAMES - 1) * FRAME_NANOS;
        if (wait > 0) clock.sleepNanos(wait);
    }

    private void closePlayback() {
        if (playback != null) {
            try {
                playback.close();
            } catch (RuntimeException e) {
                LOG.debug("Audio sink close failed", e);
            }
        }
        playback = null;
    }

    /** Nothing to play: the line closes, the next stream to play opens it again at its rate. */
    private void closeLine() {
        closePlayback();
        sink = null;
        mixRate = 0;
        lineUntilNanos = 0;
    }

    private void run() {
        try {
            while (!closed) {
                if (mixRate != 0) awaitLine();
                boolean mixed;
                try {
                    mixed = mixOnce();
                } catch (RuntimeException e) {
                    LOG.error("The audio mixer failed; the line starts again", e);
                    mixed = false;
                }
                if (!mixed) {
                    closeLine();
                    awaitFrames();
                }
            }
        } catch (InterruptedException e) {
            // closed
        } finally {
            closeLine();
        }
    }

    private void awaitFrames() throws InterruptedException {
        synchronized (wake) {
            if (!offered && !closed) wake.wait(FRAME_MILLIS);
            offered = false;
        }
    }

    List<PlayoutStats> stats() {
        List<PlayoutStats> out = new ArrayList<>();
        for (StreamVoice v : inOrder()) out.add(v.stats());
        return out;
    }

    /** Stops the thread, which closes the line; waits for it a little, as a sink's play returns within a frame. */
    void close() {
        closed = true;
        Thread t = thread;
        if (t == null) {
            closeLine();
            return;
        }
        t.interrupt();
        try {
            t.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
