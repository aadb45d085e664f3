package dev.parley.client.internal;

import dev.parley.api.StreamKey;
import dev.parley.api.capture.PlayoutStats;
import dev.parley.api.codec.AudioSamples;

/**
 * One remote stream's part in the mix: its jitter buffer, and what it takes to render its turn at each tick at the
 * mix rate. Concealment repeats the last frame received with its gain ramped down, from full to silence over
 * {@value #FADE_FRAMES} consecutive made-up frames, then plays silence; wherever a made-up frame meets the audio
 * before or after it, the two are spliced ({@link FrameShaping#splice}), so nothing clicks. Frames that follow each
 * other as received are not touched.
 *
 * <p>Frames are offered on the bus's thread; turns, rendering and {@link #written} run on the mixer's. The figures
 * may be read from any thread.
 */
final class StreamVoice {
    static final int FADE_FRAMES = 3;

    private final StreamKey key;
    private final long order;
    private final JitterBuffer buffer;
    private volatile String senderName;
    private volatile int sampleRate = Mixer.DEFAULT_RATE;

    private final LinearResampler resampler = new LinearResampler();
    private short[] lastFrame;
    private int lastSample;
    private boolean spliceNext;
    private int losses;
    private boolean renderedReal;
    private long renderedCapture;

    private volatile long played;
    private volatile long concealed;
    private volatile double latencyMicros = Double.NaN;

    StreamVoice(StreamKey key, String senderName, long order, long nowMicros) {
        this.key = key;
        this.senderName = senderName;
        this.order = order;
        this.buffer = new JitterBuffer(nowMicros);
    }

    /** A decoded frame of 20 ms, any rate and channels. */
    void offer(String name, long sequence, long captureMicros, long arrivalMicros, AudioSamples samples) {
        senderName = name;
        sampleRate = samples.sampleRate();
        short[] mono = FrameShaping.downmix(samples.samples(), samples.channels());
        buffer.offer(new JitterBuffer.Frame(sequence, captureMicros, arrivalMicros, mono, samples.sampleRate()));
    }

    JitterBuffer.Turn turn(long nowMicros) {
        return buffer.take(nowMicros);
    }

    /** This tick's 20 ms at the mix rate, for a turn other than {@link JitterBuffer.Action#WAIT}. */
    short[] render(JitterBuffer.Turn turn, int mixRate) {
        int length = Mixer.frameLength(mixRate);
        renderedReal = false;
        switch (turn.action()) {
            case PLAY -> {
                short[] pcm = resampler.resample(turn.first().samples(), length);
                played++;
                rendered(turn.first());
                return received(pcm, pcm, mixRate);
            }
            case COMPRESS -> {
                short[] first = resampler.resample(turn.first().samples(), length);
                short[] second = resampler.resample(turn.second().samples(), length);
                played += 2;
                rendered(turn.first());
                return received(FrameShaping.crossfade(first, second), second, mixRate);
            }
            default -> {
                return conceal(length, mixRate);
            }
        }
    }

    private void rendered(JitterBuffer.Frame frame) {
        renderedReal = true;
        renderedCapture = frame.captureMicros();
    }

    private short[] received(short[] out, short[] last, int mixRate) {
        short[] spliced = spliceNext ? FrameShaping.splice(out, lastSample, FrameShaping.spliceLength(mixRate)) : out;
        lastFrame = last;
        lastSample = spliced[spliced.length - 1];
        losses = 0;
        spliceNext = false;
        return spliced;
    }

    private short[] conceal(int length, int mixRate) {
        concealed++;
        losses++;
        short[] base = lastFrame != null && lastFrame.length == length ? lastFrame : new short[length];
        double from = Math.max(0, 1 - (losses - 1) / (double) FADE_FRAMES);
        double to = Math.max(0, 1 - losses / (double) FADE_FRAMES);
        short[] faded = FrameShaping.faded(base, from, to);
        short[] out = FrameShaping.splice(faded, lastSample, FrameShaping.spliceLength(mixRate));
        lastSample = out[length - 1];
        spliceNext = true;
        return out;
    }

    /** The frame rendered at this tick reached the sink line at {@code wallMicros}: its latency, smoothed. */
    void written(long wallMicros) {
        if (!renderedReal) return;
        double latency = wallMicros - renderedCapture;
        double before = latencyMicros;
        latencyMicros = Double.isNaN(before) ? latency : before + (latency - before) / 8;
    }

    StreamKey key() {
        return key;
    }

    /** The order the mixer met its streams in: the first one sets the mix rate. */
    long order() {
        return order;
    }

    int sampleRate() {
        return sampleRate;
    }

    long lastArrivalMicros() {
        return buffer.lastArrivalMicros();
    }

    PlayoutStats stats() {
        JitterBuffer.Figures f = buffer.figures();
        double latency = latencyMicros;
        return new PlayoutStats(key, senderName, f.jitterMicros() / 1000.0, f.depthMicros() / 1000.0,
                f.targetMicros() / 1000.0, played, f.late(), concealed, Double.isNaN(latency) ? -1 : latency / 1000.0);
    }
}
