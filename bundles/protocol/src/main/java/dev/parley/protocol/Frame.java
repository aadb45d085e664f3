package dev.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * One decoded frame: the header fields of {@link Wire} and the payload. Reference counted through its payload:
 * whoever ends up holding a frame releases it.
 */
public final class Frame extends DefaultByteBufHolder {
    private final MessageType type;
    private final int flags;
    private final int stream;
    private final int sender;
    private final int sequence;
    private final long timestampMicros;
    private final String codec;

    public Frame(MessageType type, int flags, int stream, int sender, int sequence, long timestampMicros, String codec,
                 ByteBuf payload) {
        super(payload);
        this.type = type;
        this.flags = flags;
        this.stream = stream;
        this.sender = sender;
        this.sequence = sequence;
        this.timestampMicros = timestampMicros;
        this.codec = codec == null ? "" : codec;
    }

    /** A control message with no media header fields. */
    public static Frame control(MessageType type, int sender, ByteBuf payload) {
        return new Frame(type, 0, 0, sender, 0, 0, "", payload);
    }

    /** A TEXT frame carrying {@code text} as UTF-8. */
    public static Frame text(int sender, int sequence, long timestampMicros, String text) {
        return new Frame(MessageType.TEXT, 0, 0, sender, sequence, timestampMicros, "",
                Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }

    public MessageType type() { return type; }
    public int flags() { return flags; }
    public boolean isKeyframe() { return (flags & Wire.FLAG_KEYFRAME) != 0; }
    public int stream() { return stream; }
    public int sender() { return sender; }
    public int sequence() { return sequence; }
    public long timestampMicros() { return timestampMicros; }
    public String codec() { return codec; }
    public ByteBuf payload() { return content(); }

    /** The same frame with another sender, sharing this frame's payload (retained). */
    public Frame withSender(int newSender) {
        return new Frame(type, flags, stream, newSender, sequence, timestampMicros, codec, content().retainedDuplicate());
    }

    @Override
    public Frame replace(ByteBuf content) {
        return new Frame(type, flags, stream, sender, sequence, timestampMicros, codec, content);
    }

    @Override
    public Frame retain() {
        super.retain();
        return this;
    }

    @Override
    public Frame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return type + "[sender=" + sender + " stream=" + stream + " seq=" + Integer.toUnsignedString(sequence)
                + " codec=" + codec + " bytes=" + content().readableBytes() + "]";
    }
}
