package dev.parley.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * The content of a bench media frame, checkable while it streams past: the sender's index, its sequence number and
 * the payload size in the first 12 bytes, then at every {@link #STRIDE}th byte from 12 and in the last
 * {@link #TAIL} bytes a value derived from all three. Bytes in between are a fixed filler. A frame that was cut,
 * mixed with another, stamped with the wrong sender or delivered twice fails the check, and the load generator
 * does not spend the machine comparing every byte.
 */
final class BenchPayload {
    static final int HEAD = 12;
    static final int STRIDE = 257;
    static final int TAIL = 64;

    private BenchPayload() {
    }

    /** The filler of a payload of {@code size} bytes (at least {@link #HEAD}); stamp it before sending. */
    static byte[] filler(int size) {
        byte[] b = new byte[Math.max(HEAD, size)];
        for (int i = HEAD; i < b.length; i++) b[i] = (byte) (i * 7);
        return b;
    }

    /** Writes the checked bytes of frame {@code sequence} of sender {@code index} over a payload starting at {@code at}. */
    static void stamp(ByteBuf buf, int at, int size, int index, int sequence) {
        buf.setInt(at, index);
        buf.setInt(at + 4, sequence);
        buf.setInt(at + 8, size);
        for (int p = HEAD; p < size - TAIL; p += STRIDE) buf.setByte(at + p, expected(index, sequence, p));
        for (int p = Math.max(HEAD, size - TAIL); p < size; p++) buf.setByte(at + p, expected(index, sequence, p));
    }

    static byte expected(int index, int sequence, int position) {
        return (byte) (index * 131 + sequence * 31 + position);
    }

    /** Whether {@code position} of a payload of {@code size} bytes is one that {@link #stamp} sets from the frame. */
    static boolean checked(int position, int size) {
        return position >= size - TAIL ? position >= HEAD : position >= HEAD && (position - HEAD) % STRIDE == 0;
    }

    /** The first checked position at or after {@code from} below {@code size - TAIL}, or a value past it. */
    static int nextStride(int from) {
        if (from <= HEAD) return HEAD;
        int k = (from - HEAD + STRIDE - 1) / STRIDE;
        return HEAD + k * STRIDE;
    }
}
