package dev.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits a byte stream into {@link Frame}s (layout in {@link Wire}). Every header field is checked before the
 * payload is read, and the payload length is checked against {@code maxPayload} before anything is allocated.
 * Payloads are retained slices of the input: no copy.
 *
 * <p>On the first violation it throws {@link FrameTooLongException} or {@link MalformedFrameException} and from
 * then on discards all input: a stream that lost its framing cannot be trusted again, so the handler answers with
 * ERROR and closes.
 */
public final class ParleyFrameDecoder extends ByteToMessageDecoder {
    private final int maxPayload;
    private boolean failed;

    /** @param maxPayload largest accepted payload length in bytes (the default is {@link Wire#DEFAULT_MAX_PAYLOAD}) */
    public ParleyFrameDecoder(int maxPayload) {
        if (maxPayload < 0) throw new IllegalArgumentException("maxPayload: " + maxPayload);
        this.maxPayload = maxPayload;
    }

    public int maxPayload() { return maxPayload; }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            Frame frame = decodeOne(in);
            if (frame != null) out.add(frame);
        } catch (FrameTooLongException | MalformedFrameException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private Frame decodeOne(ByteBuf in) {
        int start = in.readerIndex();
        // Check what has arrived of the header as early as possible, so garbage is refused at once.
        if (in.readableBytes() >= 2 && in.getUnsignedShort(start) != Wire.MAGIC) {
            throw new MalformedFrameException(ErrorCode.BAD_MAGIC,
                    String.format("bad magic 0x%04x, expected 0x%04x", in.getUnsignedShort(start), Wire.MAGIC));
        }
        if (in.readableBytes() >= 3 && in.getUnsignedByte(start + 2) != Wire.VERSION) {
            throw new MalformedFrameException(ErrorCode.UNSUPPORTED_VERSION,
                    "protocol version " + in.getUnsignedByte(start + 2) + " not supported, this side speaks " + Wire.VERSION);
        }
        if (in.readableBytes() < Wire.HEADER_LENGTH) return null;

        int typeCode = in.getUnsignedByte(start + 3);
        MessageType type = MessageType.fromCode(typeCode);
        if (type == null) {
            throw new MalformedFrameException(ErrorCode.MALFORMED, String.format("unknown message type 0x%02x", typeCode));
        }
        int flags = in.getUnsignedByte(start + 4);
        if ((flags & ~Wire.FLAG_KEYFRAME) != 0) {
            throw new MalformedFrameException(ErrorCode.MALFORMED, String.format("reserved flag bits set: 0x%02x", flags));
        }
        int codecLength = in.getUnsignedByte(start + 5);
        if (codecLength > Wire.MAX_CODEC_LENGTH) {
            throw new MalformedFrameException(ErrorCode.MALFORMED,
                    "codec id length " + codecLength + " exceeds " + Wire.MAX_CODEC_LENGTH);
        }
        long payloadLength = in.getUnsignedInt(start + 24);
        if (payloadLength > maxPayload) {
            throw new FrameTooLongException("payload of " + payloadLength + " bytes exceeds the limit of " + maxPayload);
        }
        if (type == MessageType.TEXT && payloadLength > Wire.MAX_TEXT_BYTES) {
            throw new FrameTooLongException("TEXT payload of " + payloadLength + " bytes exceeds " + Wire.MAX_TEXT_BYTES);
        }
        long total = Wire.HEADER_LENGTH + codecLength + payloadLength;
        if (in.readableBytes() < total) return null;

        int stream = in.getUnsignedShort(start + 6);
        int sender = in.getInt(start + 8);
        int sequence = in.getInt(start + 12);
        long timestamp = in.getLong(start + 16);
        String codec = "";
        if (codecLength > 0) {
            for (int i = 0; i < codecLength; i++) {
                byte b = in.getByte(start + Wire.HEADER_LENGTH + i);
                if (b < 0x21 || b > 0x7e) {
                    throw new MalformedFrameException(ErrorCode.MALFORMED, "codec id is not printable US-ASCII");
                }
            }
            codec = in.toString(start + Wire.HEADER_LENGTH, codecLength, StandardCharsets.US_ASCII);
        }
        in.skipBytes(Wire.HEADER_LENGTH + codecLength);
        ByteBuf payload = in.readRetainedSlice((int) payloadLength);
        return new Frame(type, flags, stream, sender, sequence, timestamp, codec, payload);
    }
}
