package dev.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Writes frames to bytes. The payload is never copied: the result is a composite of a fresh header buffer and the
 * frame's payload, so one encoding can be shared (retained duplicates) by every receiver of a fan-out.
 */
public final class FrameCodec {
    private FrameCodec() {
    }

    /**
     * Encodes a frame. The frame's payload is retained by the result; the caller still owns (and releases) the frame.
     *
     * @throws IllegalArgumentException if the codec id is too long or not printable US-ASCII
     */
    public static ByteBuf encode(Frame frame, ByteBufAllocator alloc) {
        byte[] codec = codecBytes(frame);
        ByteBuf payload = frame.payload();
        ByteBuf header = alloc.buffer(Wire.HEADER_LENGTH + codec.length);
        writeHeader(header, frame, codec);
        if (!payload.isReadable()) {
            return header;
        }
        CompositeByteBuf out = alloc.compositeBuffer(2);
        out.addComponents(true, header, payload.retainedDuplicate());
        return out;
    }

    /**
     * Encodes a frame into one contiguous direct buffer, copying the payload once. For a frame written to many
     * sockets (the relay's fan-out): a contiguous buffer goes to {@code writev} as one address, where a composite
     * costs its parts' bookkeeping on every socket it is written to. The caller still owns the frame.
     *
     * @throws IllegalArgumentException if the codec id is too long or not printable US-ASCII
     */
    public static ByteBuf encodeContiguous(Frame frame, ByteBufAllocator alloc) {
        byte[] codec = codecBytes(frame);
        ByteBuf payload = frame.payload();
        ByteBuf out = alloc.directBuffer(Wire.HEADER_LENGTH + codec.length + payload.readableBytes());
        writeHeader(out, frame, codec);
        out.writeBytes(payload, payload.readerIndex(), payload.readableBytes());
        return out;
    }

    private static byte[] codecBytes(Frame frame) {
        // getBytes(US_ASCII) would silently turn other characters into '?', and receivers refuse spaces and controls.
        for (int i = 0; i < frame.codec().length(); i++) {
            char c = frame.codec().charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("codec id is not printable US-ASCII (0x21-0x7e): " + frame.codec());
            }
        }
        byte[] codec = frame.codec().getBytes(StandardCharsets.US_ASCII);
        if (codec.length > Wire.MAX_CODEC_LENGTH) {
            throw new IllegalArgumentException("codec id longer than " + Wire.MAX_CODEC_LENGTH + " bytes: " + frame.codec());
        }
        return codec;
    }

    private static void writeHeader(ByteBuf out, Frame frame, byte[] codec) {
        out.writeShort(Wire.MAGIC)
                .writeByte(Wire.VERSION)
                .writeByte(frame.type().code())
                .writeByte(frame.flags())
                .writeByte(codec.length)
                .writeShort(frame.stream())
                .writeInt(frame.sender())
                .writeInt(frame.sequence())
                .writeLong(frame.timestampMicros())
                .writeInt(frame.payload().readableBytes())
                .writeBytes(codec);
    }

    /** Encodes into one contiguous heap array: for tests, examples and non-Netty users. */
    public static byte[] toBytes(Frame frame) {
        ByteBuf buf = encode(frame, io.netty.buffer.UnpooledByteBufAllocator.DEFAULT);
        try {
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }
}
