package dev.parley.capture.audio.internal;

import java.io.IOException;

/**
 * Converts one pass of a {@link WavReader} to another sample rate by linear interpolation, as it streams.
 *
 * <p>Output sample {@code n} lies at {@code n * from / to} in the input. The position is kept as a whole input index
 * and a remainder in units of {@code 1/to}, so it never drifts however long the file. At equal rates the remainder
 * is always zero and every output sample is the input sample itself, bit for bit. Past the last input sample the
 * last one is held, so a pass of {@code N} input samples gives {@code ceil(N * to / from)} output samples.
 *
 * <p>Down-sampling first passes the input through a low-pass filter (a Blackman-windowed sinc, linear phase, its
 * delay taken out) that keeps what lies below 44 % of the new rate and takes out what lies above its half by 70 dB
 * and more, so that nothing folds back: a 12 kHz whistle in a 48 kHz file is not heard at 4 kHz in a 16 kHz call.
 * The filter sees silence before the first sample of a pass and after its last, which shapes the first and last
 * {@code taps / 2} input samples of a pass (about half a millisecond). At equal rates and when up-sampling nothing is
 * filtered.
 */
final class Resampler {
    private final WavReader in;
    private final int from;
    private final int to;
    private final short[] block = new short[1024];
    private int blockLength;
    private int blockPosition;
    private boolean started;
    private boolean ended;
    private int current;
    private int next;
    private boolean hasNext;
    private long remainder;
    /** The low-pass filter's taps when down-sampling, else null; an odd number, symmetric. */
    private final double[] taps;
    /** The filter's last {@code taps.length} input samples, a ring; {@link #ringPosition} is where the next goes. */
    private final double[] ring;
    private int ringPosition;
    /** Input samples put into the filter, counting the silence after the end. */
    private long fed;
    private boolean inputEnded;
    private int silenceLeft;

    Resampler(WavReader in, int toRate) {
        this.in = in;
        this.from = in.sampleRate();
        this.to = toRate;
        this.taps = from > to ? lowPass(from, to) : null;
        this.ring = taps == null ? null : new double[taps.length];
        this.silenceLeft = taps == null ? 0 : taps.length / 2;
    }

    /** Taps of a low-pass filter at 44 % of {@code to}, for input at {@code from}; their sum is 1. */
    static double[] lowPass(int from, int to) {
        int n = 32 * (int) Math.ceil((double) from / to) + 1;
        double cutoff = 0.44 * to / from; // cycles per input sample
        double[] h = new double[n];
        int middle = n / 2;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            int t = k - middle;
            double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double window = 0.42 - 0.5 * Math.cos(2 * Math.PI * k / (n - 1)) + 0.08 * Math.cos(4 * Math.PI * k / (n - 1));
            h[k] = sinc * window;
            sum += h[k];
        }
        for (int k = 0; k < n; k++) h[k] /= sum;
        return h;
    }

    /**
     * Fills up to {@code length} samples.
     *
     * @return how many were filled; fewer than asked only when the pass has ended
     */
    int read(short[] out, int offset, int length) throws IOException {
        if (!started) {
            started = true;
            if (pull()) {
                current = next;
                hasNext = pull();
                if (!hasNext) {
                    next = current;
                }
            } else {
                ended = true;
            }
        }
        int filled = 0;
        while (filled < length && !ended) {
            out[offset + filled++] = (short) Math.round(current + (next - current) * (double) remainder / to);
            remainder += from;
            while (remainder >= to) {
                remainder -= to;
                if (!advance()) {
                    ended = true;
                    break;
                }
            }
        }
        return filled;
    }

    /** Moves one input sample on; false when the current one was the last. */
    private boolean advance() throws IOException {
        if (!hasNext) {
            return false;
        }
        current = next;
        hasNext = pull();
        if (!hasNext) {
            next = current;
        }
        return true;
    }

    /** Puts the next input sample, filtered when down-sampling, into {@link #next}; false at the end of the pass. */
    private boolean pull() throws IOException {
        if (taps == null) return pullRaw();
        while (true) {
            double x;
            if (!inputEnded && pullRaw()) {
                x = next;
            } else {
                inputEnded = true;
                if (silenceLeft == 0) return false;
                silenceLeft--;
                x = 0;
            }
            ring[ringPosition] = x;
            ringPosition = (ringPosition + 1) % ring.length;
            // The filter's output for input i is ready once input i + taps/2 is in: the first taps/2 give nothing.
            if (++fed > taps.length / 2) {
                next = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(filtered())));
                return true;
            }
        }
    }

    private double filtered() {
        double y = 0;
        int j = ringPosition;
        for (double tap : taps) { // symmetric taps: the order of the ring does not matter
            y += tap * ring[j];
            j = j + 1 == ring.length ? 0 : j + 1;
        }
        return y;
    }

    /** Puts the next input sample, as read, into {@link #next}; false at the end of the pass. */
    private boolean pullRaw() throws IOException {
        while (blockPosition == blockLength) {
            int read = in.read(block, 0, block.length);
            if (read < 0) {
                return false;
            }
            blockLength = read;
            blockPosition = 0;
        }
        next = block[blockPosition++];
        return true;
    }
}
