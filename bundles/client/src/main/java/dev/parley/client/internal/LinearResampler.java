package dev.parley.client.internal;

/**
 * A stream's frames brought to the mix rate by linear interpolation. It keeps the last sample of the frame before,
 * so the first output samples of a frame interpolate across the boundary rather than restart at it: consecutive
 * frames resample as one signal. Frames already at the mix length pass through untouched.
 */
final class LinearResampler {
    private int previous;

    short[] resample(short[] in, int outLength) {
        if (in.length == 0) return new short[outLength];
        short[] out;
        if (in.length == outLength) {
            out = in;
        } else {
            out = new short[outLength];
            // Output sample j sits at input position (j + 1) * step - 1: the last one lands on the last input sample,
            // and positions before 0 lie between the previous frame's last sample and this frame's first.
            double step = (double) in.length / outLength;
            for (int j = 0; j < outLength; j++) {
                double position = (j + 1) * step - 1;
                int i = (int) Math.floor(position);
                double fraction = position - i;
                double a = i < 0 ? previous : in[i];
                double b = in[Math.min(i + 1, in.length - 1)];
                out[j] = (short) Math.round(a + (b - a) * fraction);
            }
        }
        previous = in[in.length - 1];
        return out;
    }
}
