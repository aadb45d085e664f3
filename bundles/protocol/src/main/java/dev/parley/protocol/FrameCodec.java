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
        ByteBuf payload = frame.payload();
        ByteBuf header = alloc.buffer(Wire.HEADER_LENGTH + codec.length);
        header.writeShort(Wire.MAGIC)
                .writeByte(Wire.VERSION)
                .writeByte(frame.type().code())
                .writeByte(frame.flags())
                .writeByte(codec.length)
                .writeShort(frame.stream())
                .writeInt(frame.sender())
                .writeInt(frame.sequence())
                .writeLong(frame.timestampMicros())
                .writeInt(payload.readableBytes())
                .writeBytes(codec);
        if (!payload.isReadable()) {
            return header;
        }
        CompositeByteBuf out = alloc.compositeBuffer(2);
        out.addComponents(true, header, payload.retainedDuplicate());
        return out;
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
