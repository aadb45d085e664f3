package dev.parley.client.internal;

/**
 * The sample arithmetic of playout: where two pieces of audio that did not follow each other meet (a made-up frame,
 * a frame after one), they are spliced so the output has no step, which would be heard as a click; a frame is faded
 * with its gain ramped across it, never switched; two frames are compressed into one by crossfading.
 */
final class FrameShaping {
    private FrameShaping() {
    }

    /** How many samples a splice takes to blend in: 5 ms at the rate. */
    static int spliceLength(int sampleRate) {
        return Math.max(1, sampleRate / 200);
    }

    /**
     * The frame moved so that it starts at {@code from} (the last sample played before it), the offset fading out
     * linearly over {@code length} samples; from there on the frame is unchanged.
     */
    static short[] splice(short[] frame, int from, int length) {
        short[] out = frame.clone();
        if (frame.length == 0) return out;
        int offset = from - frame[0];
        int n = Math.min(length, frame.length);
        for (int i = 0; i < n; i++) out[i] = clip(frame[i] + (int) ((long) offset * (length - i) / length));
        return out;
    }

    /** The frame with its gain going linearly from {@code fromGain} at the first sample to {@code toGain} past the last. */
    static short[] faded(short[] frame, double fromGain, double toGain) {
        short[] out = new short[frame.length];
        for (int i = 0; i < frame.length; i++) {
            double gain = fromGain + (toGain - fromGain) * (i + 1) / frame.length;
            out[i] = clip((int) Math.round(frame[i] * gain));
        }
        return out;
    }

    /**
     * Two consecutive frames as one: it starts as {@code first} starts and ends as {@code second} ends, so it joins
     * what played before the first and what plays after the second, and a frame's worth of delay is gone.
     */
    static short[] crossfade(short[] first, short[] second) {
        int n = Math.min(first.length, second.length);
        if (n == 1) return new short[] {second[0]};
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = (short) Math.round((first[i] * (double) (n - 1 - i) + second[i] * (double) i) / (n - 1));
        }
        return out;
    }

    /** Interleaved samples averaged into one channel. */
    static short[] downmix(short[] interleaved, int channels) {
        if (channels == 1) return interleaved;
        short[] out = new short[interleaved.length / channels];
        for (int i = 0; i < out.length; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) sum += interleaved[i * channels + c];
            out[i] = (short) (sum / channels);
        }
        return out;
    }

    static short clip(int sample) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sample));
    }
}
