package dev.parley.bench.internal;

import io.netty.buffer.ByteBuf;

/**
 * The content of a bench frame: who sent it, its number and its size in the first 12 bytes, then bytes derived from
 * all three. A receiver can so tell a frame that was cut, mixed with another or misattributed from a good one.
 */
final class FramePattern {
    private FramePattern() {
    }

    static byte[] make(int index, int sequence, int size) {
        byte[] b = new byte[Math.max(12, size)];
        putInt(b, 0, index);
        putInt(b, 4, sequence);
        putInt(b, 8, b.length);
        for (int i = 12; i < b.length; i++) b[i] = expected(index, sequence, i);
        return b;
    }

    /**
     * Whether {@code payload} is the frame {@code index} would have sent; returns its sequence or -1. Checks the
     * header, every 257th byte and the last 64: two frames interleaved or cut anywhere fail it, and the load
     * generator does not spend the machine on comparing every byte.
     */
    static int check(ByteBuf payload, int expectedIndex) {
        int n = payload.readableBytes();
        if (n < 12) return -1;
        int start = payload.readerIndex();
        int index = payload.getInt(start);
        int sequence = payload.getInt(start + 4);
        if (index != expectedIndex || payload.getInt(start + 8) != n) return -1;
        for (int i = 12; i < n; i += 257) {
            if (payload.getByte(start + i) != expected(index, sequence, i)) return -1;
        }
        for (int i = Math.max(12, n - 64); i < n; i++) {
            if (payload.getByte(start + i) != expected(index, sequence, i)) return -1;
        }
        return sequence;
    }

    private static byte expected(int index, int sequence, int i) {
        return (byte) (index * 131 + sequence * 31 + i);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
