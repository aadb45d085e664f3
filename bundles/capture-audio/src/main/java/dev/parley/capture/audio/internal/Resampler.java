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
 * <p>No low-pass filter runs before down-sampling: content above the new Nyquist frequency folds back. For speech
 * recorded at 44.1 or 48 kHz and sent at 16 kHz this is faint; play a file at the call's rate to avoid it entirely.
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

    Resampler(WavReader in, int toRate) {
        this.in = in;
        this.from = in.sampleRate();
        this.to = toRate;
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

    /** Puts the next input sample into {@link #next}; false at the end of the pass. */
    private boolean pull() throws IOException {
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
