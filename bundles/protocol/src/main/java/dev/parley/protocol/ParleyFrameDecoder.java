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
    private boolean handshaking;

    /** @param maxPayload largest accepted payload length in bytes (the default is {@link Wire#DEFAULT_MAX_PAYLOAD}) */
    public ParleyFrameDecoder(int maxPayload) {
        this(maxPayload, false);
    }

    /**
     * @param handshaking until {@link #handshakeDone()}, accept no payload longer than the longest valid HELLO, of
     *                    any type: a connection that has not joined can make this side hold a few KB at most
     */
    public ParleyFrameDecoder(int maxPayload, boolean handshaking) {
        if (maxPayload < 0) throw new IllegalArgumentException("maxPayload: " + maxPayload);
        this.maxPayload = maxPayload;
        this.handshaking = handshaking;
    }

    public int maxPayload() { return maxPayload; }

    /** The peer has joined: from now on media may be as long as {@code maxPayload}. Call on the channel's loop. */
    public void handshakeDone() {
        handshaking = false;
    }

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
        if (in.readableBytes() >= 3 && in.getUnsignedByte(start + Wire.VERSION_OFFSET) != Wire.VERSION) {
            throw new MalformedFrameException(ErrorCode.UNSUPPORTED_VERSION, "protocol version "
                    + in.getUnsignedByte(start + Wire.VERSION_OFFSET) + " not supported, this side speaks " + Wire.VERSION);
        }
        if (in.readableBytes() < Wire.HEADER_LENGTH) return null;

        int typeCode = in.getUnsignedByte(start + Wire.TYPE_OFFSET);
        MessageType type = MessageType.fromCode(typeCode);
        if (type == null) {
            throw new MalformedFrameException(ErrorCode.MALFORMED, String.format("unknown message type 0x%02x", typeCode));
        }
        boolean av = type == MessageType.VIDEO || type == MessageType.AUDIO;
        int flags = in.getUnsignedByte(start + Wire.FLAGS_OFFSET);
        if ((flags & ~Wire.FLAG_KEYFRAME) != 0) {
            throw new MalformedFrameException(ErrorCode.MALFORMED, String.format("reserved flag bits set: 0x%02x", flags));
        }
        if (flags != 0 && !av) {
            throw new MalformedFrameException(ErrorCode.MALFORMED, "keyframe flag on " + type + ": only VIDEO and AUDIO carry it");
        }
        int codecLength = in.getUnsignedByte(start + Wire.CODEC_LENGTH_OFFSET);
        if (codecLength > Wire.MAX_CODEC_LENGTH) {
            throw new MalformedFrameException(ErrorCode.MALFORMED,
                    "codec id length " + codecLength + " exceeds " + Wire.MAX_CODEC_LENGTH);
        }
        if (codecLength != 0 && !av) {
            throw new MalformedFrameException(ErrorCode.MALFORMED, "codec id on " + type + ": only VIDEO and AUDIO carry one");
        }
        long payloadLength = in.getUnsignedInt(start + Wire.PAYLOAD_LENGTH_OFFSET);
        long limit = av ? maxPayload : Math.min(maxPayload, Wire.maxPayload(type));
        if (handshaking) limit = Math.min(limit, Wire.MAX_HELLO_BYTES);
        if (payloadLength > limit) {
            throw new FrameTooLongException(type + " payload of " + payloadLength + " bytes exceeds the limit of " + limit
                    + (handshaking ? " before the handshake" : ""));
        }
        long total = Wire.HEADER_LENGTH + codecLength + payloadLength;
        if (in.readableBytes() < total) return null;

        int stream = in.getUnsignedShort(start + Wire.STREAM_OFFSET);
        int sender = in.getInt(start + Wire.SENDER_OFFSET);
        int sequence = in.getInt(start + Wire.SEQUENCE_OFFSET);
        long timestamp = in.getLong(start + Wire.TIMESTAMP_OFFSET);
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
        if (type == MessageType.TEXT && Utf8.decode(in, start + Wire.HEADER_LENGTH + codecLength, (int) payloadLength) == null) {
            throw new MalformedFrameException(ErrorCode.MALFORMED, "TEXT payload is not valid UTF-8");
        }
        in.skipBytes(Wire.HEADER_LENGTH + codecLength);
        ByteBuf payload = in.readRetainedSlice((int) payloadLength);
        return new Frame(type, flags, stream, sender, sequence, timestamp, codec, payload);
    }
}
