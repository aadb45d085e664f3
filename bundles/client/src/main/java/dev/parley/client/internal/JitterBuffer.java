package dev.parley.client.internal;

import java.util.TreeMap;

/**
 * One remote audio stream's adaptive jitter buffer: its decoded 20 ms frames in sequence order, handed to the mixer
 * one per tick, with enough of them kept waiting that a frame a little late still finds its turn.
 *
 * <p>How much waits is the <em>target</em>, 20 to 80 ms, held as whole frames (the target rounded to frames,
 * at least one) left in the buffer after each tick:
 * <ul>
 *   <li>It follows the inter-arrival jitter J, computed as RFC 3550 does from each frame's arrival time against its
 *       capture time (both on this machine's clock): the target is at least one frame plus {@value #JITTER_FACTOR}
 *       J. Under delays spread evenly over a range, the mean difference between two frames' transits is a third of
 *       the range, so 3 J is about the spread a frame must be able to wait out.</li>
 *   <li>It grows by a frame whenever a frame was late: it came after its turn (it is dropped and counted), or the
 *       buffer ran dry before it and the frame then came as the next in a continuous stream. A buffer that ran dry
 *       because the sender paused (its next frame was captured well after the last one played) is not late.</li>
 *   <li>It shrinks slowly: a frame's worth after {@value #CALM_MICROS} µs without a late frame, never below what
 *       the jitter asks.</li>
 * </ul>
 * The buffer follows the target. It starts, and restarts after running dry, once it holds the target and the frame
 * to play; while empty the mixer conceals. When for {@value #SHRINK_WINDOW_MICROS} µs it kept more than the target
 * after every tick, two frames are played as one (the mixer compresses them); when it holds
 * {@value #DRAIN_EXCESS_FRAMES} frames beyond the target, at once at every tick (a burst after a stall). In between,
 * frames play exactly as they came.
 *
 * <p>A frame missing when its turn comes while later ones wait (lost, or overtaken) is concealed and the buffer
 * moves on to the next it holds. A jump of more than {@value #RESYNC_FRAMES} in sequence numbers (the sender started
 * again) restarts the buffer. Frames come from the bus's thread and go to the mixer's: every method is synchronized.
 */
final class JitterBuffer {
    static final long FRAME_MICROS = 20_000;
    static final long MIN_TARGET_MICROS = 20_000;
    static final long MAX_TARGET_MICROS = 80_000;
    /** The least delay: a calm network never adapts, so what it sends plays sample for sample. */
    static final long START_TARGET_MICROS = MIN_TARGET_MICROS;
    static final int JITTER_FACTOR = 3;
    static final long CALM_MICROS = 4_000_000;
    static final long SHRINK_WINDOW_MICROS = 2_000_000;
    static final int DRAIN_EXCESS_FRAMES = 3;
    /** One second: a buffer nobody takes from (no mixer running) drops its oldest frames beyond this. */
    static final int MAX_FRAMES = 50;
    static final int RESYNC_FRAMES = 50;

    /** A decoded mono frame waiting for its turn, at the stream's own sample rate. */
    record Frame(long sequence, long captureMicros, long arrivalMicros, short[] samples, int sampleRate) {
    }

    enum Action {
        /** The stream has not played yet: it is not in the mix. */
        WAIT,
        /** No frame this tick: the mixer makes one up. */
        CONCEAL,
        /** {@link Turn#first} plays. */
        PLAY,
        /** {@link Turn#first} and {@link Turn#second} play as one frame, to shorten the delay. */
        COMPRESS
    }

    /** What the mixer does with this stream at one tick. */
    record Turn(Action action, Frame first, Frame second) {
        static final Turn WAIT = new Turn(Action.WAIT, null, null);
        static final Turn CONCEAL = new Turn(Action.CONCEAL, null, null);
    }

    /** A snapshot for the figures. */
    record Figures(double jitterMicros, long depthMicros, long targetMicros, long late) {
    }

    private final TreeMap<Long, Frame> frames = new TreeMap<>();
    /** Whether {@link #nextSequence} is known: the buffer has started, or restarted on a new numbering. */
    private boolean anchored;
    private long nextSequence;
    /** False while filling up: at first, and after running dry. */
    private boolean playing;
    private boolean everPlayed;
    /** Ran dry: the first frame to come next tells whether it was late or the sender paused. */
    private boolean ranDry;
    private long lastPlayedSequence;
    private long lastPlayedCapture;

    private double jitterMicros;
    private long lastTransit;
    private boolean haveTransit;
    private long targetMicros = START_TARGET_MICROS;
    /** When a frame was last late, or the target last shrank: the calm is counted from there. */
    private long calmSince;
    private long windowStart;
    private int windowLeast = Integer.MAX_VALUE;
    private int depthFrames;
    private long late;
    private long lastArrival;

    JitterBuffer(long nowMicros) {
        calmSince = nowMicros;
        lastArrival = nowMicros;
    }

    /** Takes a frame in, or drops it as late (after its turn, or a second copy). */
    synchronized boolean offer(Frame f) {
        lastArrival = f.arrivalMicros();
        measureJitter(f);
        long reference = anchored ? nextSequence : frames.isEmpty() ? f.sequence() : frames.firstKey();
        if (Math.abs(f.sequence() - reference) > RESYNC_FRAMES) {
            frames.clear();
            playing = false;
            ranDry = false;
            anchored = true;
            nextSequence = f.sequence();
        }
        if (anchored && f.sequence() < nextSequence || frames.containsKey(f.sequence())) {
            late++;
            if (anchored && f.sequence() < nextSequence) grow(f.arrivalMicros());
            return false;
        }
        if (ranDry) {
            ranDry = false;
            long capturedAfter = f.captureMicros() - lastPlayedCapture;
            long expectedAfter = (f.sequence() - lastPlayedSequence) * FRAME_MICROS;
            if (capturedAfter < expectedAfter + FRAME_MICROS / 2) grow(f.arrivalMicros());
        }
        frames.put(f.sequence(), f);
        while (frames.size() > MAX_FRAMES) {
            frames.pollFirstEntry();
            late++;
        }
        return true;
    }

    /** RFC 3550 section 6.4.1: J += (|D(i-1,i)| - J) / 16, D being the difference in transit times. */
    private void measureJitter(Frame f) {
        long transit = f.arrivalMicros() - f.captureMicros();
        if (haveTransit) jitterMicros += (Math.abs(transit - lastTransit) - jitterMicros) / 16.0;
        lastTransit = transit;
        haveTransit = true;
        targetMicros = Math.max(targetMicros, jitterNeed());
    }

    private long jitterNeed() {
        long need = FRAME_MICROS + Math.round(JITTER_FACTOR * jitterMicros);
        return Math.max(MIN_TARGET_MICROS, Math.min(MAX_TARGET_MICROS, need));
    }

    private void grow(long nowMicros) {
        targetMicros = Math.min(MAX_TARGET_MICROS, Math.max(targetMicros, jitterNeed()) + FRAME_MICROS);
        calmSince = nowMicros;
    }

    /** Frames to keep waiting after a tick: the target in frames, rounded, at least one. */
    private int cushion() {
        return (int) Math.max(1, Math.round((double) targetMicros / FRAME_MICROS));
    }

    /** The stream's turn at one mixer tick. */
    synchronized Turn take(long nowMicros) {
        if (nowMicros - calmSince >= CALM_MICROS) {
            targetMicros = Math.max(jitterNeed(), targetMicros - FRAME_MICROS);
            calmSince = nowMicros;
        }
        int cushion = cushion();
        if (!playing) {
            if (frames.size() < cushion + 1) {
                depthFrames = frames.size();
                return everPlayed ? Turn.CONCEAL : Turn.WAIT;
            }
            playing = true;
            anchored = true;
            nextSequence = frames.firstKey();
            windowStart = nowMicros;
            windowLeast = Integer.MAX_VALUE;
        }
        if (frames.isEmpty()) {
            playing = false;
            ranDry = true;
            depthFrames = 0;
            return Turn.CONCEAL;
        }
        Frame due = frames.remove(nextSequence);
        if (due == null) {
            nextSequence = frames.firstKey();
            depthFrames = frames.size();
            return Turn.CONCEAL;
        }
        played(due);
        int depth = frames.size();
        windowLeast = Math.min(windowLeast, depth);
        boolean compress = depth >= cushion + DRAIN_EXCESS_FRAMES;
        if (nowMicros - windowStart >= SHRINK_WINDOW_MICROS) {
            compress |= windowLeast > cushion;
            windowStart = nowMicros;
            windowLeast = Integer.MAX_VALUE;
        }
        Frame next = compress ? frames.remove(nextSequence) : null;
        if (next == null) {
            depthFrames = depth;
            return new Turn(Action.PLAY, due, null);
        }
        played(next);
        depthFrames = depth - 1;
        return new Turn(Action.COMPRESS, due, next);
    }

    private void played(Frame f) {
        nextSequence = f.sequence() + 1;
        everPlayed = true;
        lastPlayedSequence = f.sequence();
        lastPlayedCapture = f.captureMicros();
    }

    synchronized long lastArrivalMicros() {
        return lastArrival;
    }

    synchronized Figures figures() {
        return new Figures(jitterMicros, depthFrames * FRAME_MICROS, targetMicros, late);
    }
}
