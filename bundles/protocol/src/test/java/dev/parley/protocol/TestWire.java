package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Byte-level helpers shared by the protocol tests: raw headers for frames the encoder refuses to write, dumps. */
final class TestWire {
    private TestWire() {
    }

    /** A 28-byte header with every field chosen by the caller, valid or not. */
    static byte[] header(int magic, int version, int type, int flags, int codecLength, int stream, int sender,
                         int sequence, long timestamp, long payloadLength) {
        return ByteBuffer.allocate(Wire.HEADER_LENGTH)
                .putShort((short) magic).put((byte) version).put((byte) type).put((byte) flags)
                .put((byte) codecLength).putShort((short) stream).putInt(sender).putInt(sequence)
                .putLong(timestamp).putInt((int) payloadLength)
                .array();
    }

    /** A version-1 header with the given type, flags, codec length and payload length, other fields zero. */
    static byte[] header(int type, int flags, int codecLength, long payloadLength) {
        return header(Wire.MAGIC, Wire.VERSION, type, flags, codecLength, 0, 0, 0, 0, payloadLength);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** Encodes a frame to bytes and releases the frame. */
    static byte[] encode(Frame frame) {
        try {
            return FrameCodec.toBytes(frame);
        } finally {
            frame.release();
        }
    }

    static byte[] payloadBytes(Frame frame) {
        ByteBuf p = frame.payload();
        byte[] b = new byte[p.readableBytes()];
        p.getBytes(p.readerIndex(), b);
        return b;
    }

    /** The protocol violation behind a decoder failure, whether or not Netty wrapped it in a DecoderException. */
    static ProtocolViolation violation(Throwable t) {
        Throwable cause = t;
        while (!(cause instanceof ProtocolViolation) && cause instanceof DecoderException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return assertInstanceOf(ProtocolViolation.class, cause, () -> "not a protocol violation: " + t);
    }

    /** Classic 16-bytes-a-line dump with offsets and an ASCII column, as printed in docs/PROTOCOL.md. */
    static String hexDump(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int line = 0; line < bytes.length; line += 16) {
            sb.append(String.format("%04x  ", line));
            for (int i = line; i < line + 16; i++) {
                if (i < bytes.length) sb.append(String.format("%02x ", bytes[i] & 0xff));
                else sb.append("   ");
                if (i == line + 7) sb.append(' ');
            }
            sb.append(" |");
            for (int i = line; i < Math.min(line + 16, bytes.length); i++) {
                int b = bytes[i] & 0xff;
                sb.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
            }
            sb.append("|\n");
        }
        return sb.toString();
    }

    /**
     * An {@link EmbeddedChannel} holding one {@link ParleyFrameDecoder}, remembering every buffer fed to it so a test
     * can prove at the end that all of them were released.
     */
    static final class DecoderHarness {
        final EmbeddedChannel channel;
        private final List<ByteBuf> fed = new ArrayList<>();
        private final List<Frame> received = new ArrayList<>();

        DecoderHarness(int maxPayload) {
            this(new ParleyFrameDecoder(maxPayload));
        }

        DecoderHarness(ParleyFrameDecoder decoder) {
            channel = new EmbeddedChannel(decoder);
        }

        DecoderHarness() {
            this(Wire.DEFAULT_MAX_PAYLOAD);
        }

        /** Feeds one chunk (as a fresh heap buffer) and returns the frames it completed. */
        List<Frame> write(byte[] chunk) {
            return write(Unpooled.wrappedBuffer(chunk));
        }

        List<Frame> write(ByteBuf chunk) {
            fed.add(chunk);
            channel.writeInbound(chunk);
            return drain();
        }

        /** Feeds a chunk that must make the decoder fail, and returns what it reported. */
        ProtocolViolation writeExpectingViolation(byte[] chunk) {
            Throwable t = assertThrows(Throwable.class, () -> write(chunk));
            drain();
            return violation(t);
        }

        /** Every frame the decoder has produced so far. */
        List<Frame> received() {
            return List.copyOf(received);
        }

        List<Frame> drain() {
            List<Frame> frames = new ArrayList<>();
            for (Object o; (o = channel.readInbound()) != null; ) frames.add(assertInstanceOf(Frame.class, o));
            received.addAll(frames);
            return frames;
        }

        /** Closes the channel, releases every frame received, and checks nothing is left over or leaked. */
        void finishAndAssertClean() {
            boolean leftOver = channel.finish();
            drain();
            for (Frame f : received) {
                if (f.refCnt() > 0) f.release();
            }
            assertFalse(leftOver, "the channel had unread messages");
            for (int i = 0; i < fed.size(); i++) {
                assertEquals(0, fed.get(i).refCnt(), "buffer #" + i + " fed to the decoder was not released");
            }
        }
    }
}
