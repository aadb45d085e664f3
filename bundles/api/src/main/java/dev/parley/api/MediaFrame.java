package dev.parley.api;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One encoded media frame: an immutable header and a read-only payload.
 *
 * <p>Frames published by this process's own sources carry {@link #LOCAL} as sender. Frames that arrived from a
 * relay or peer carry the participant number assigned there. {@link #captureMicros()} is the capture time on this
 * machine's wall clock in microseconds since the epoch (remote times are corrected by the clock offset estimate).
 * Frames are never Java-serialized.
 */
public final class MediaFrame {
    /** Sender number of frames produced by this process. */
    public static final int LOCAL = 0;
    /** Flag: the frame can be decoded without any earlier frame. */
    public static final int FLAG_KEYFRAME = 1;

    private final int sender;
    private final String senderName;
    private final MediaKind kind;
    private final int stream;
    private final long sequence;
    private final long captureMicros;
    private final String codec;
    private final int flags;
    private final ByteBuffer payload;

    private MediaFrame(Builder b) {
        this.sender = b.sender;
        this.senderName = b.senderName == null ? "" : b.senderName;
        this.kind = Objects.requireNonNull(b.kind, "kind");
        this.stream = b.stream;
        this.sequence = b.sequence;
        this.captureMicros = b.captureMicros;
        this.codec = b.codec == null ? "" : b.codec;
        this.flags = b.flags;
        this.payload = Objects.requireNonNull(b.payload, "payload").asReadOnlyBuffer();
    }

    public static Builder builder(MediaKind kind) {
        return new Builder(kind);
    }

    /** A builder that starts as a copy of this frame, to change a few header fields. */
    public Builder toBuilder() {
        Builder b = new Builder(kind);
        b.sender = sender;
        b.senderName = senderName;
        b.stream = stream;
        b.sequence = sequence;
        b.captureMicros = captureMicros;
        b.codec = codec;
        b.flags = flags;
        b.payload = payload;
        return b;
    }

    public int sender() { return sender; }
    public String senderName() { return senderName; }
    public MediaKind kind() { return kind; }
    public int stream() { return stream; }
    public long sequence() { return sequence; }
    public long captureMicros() { return captureMicros; }
    public String codec() { return codec; }
    public int flags() { return flags; }
    public boolean isKeyframe() { return (flags & FLAG_KEYFRAME) != 0; }
    public boolean isLocal() { return sender == LOCAL; }
    public StreamKey streamKey() { return new StreamKey(sender, kind, stream); }

    /** A fresh read-only view of the payload, positioned at its start. */
    public ByteBuffer payload() { return payload.duplicate(); }

    public int payloadSize() { return payload.remaining(); }

    @Override
    public String toString() {
        return "MediaFrame[" + streamKey() + " seq=" + sequence + " codec=" + codec + " bytes=" + payloadSize() + "]";
    }

    /** Builds frames; not thread-safe. */
    public static final class Builder {
        private int sender = LOCAL;
        private String senderName;
        private final MediaKind kind;
        private int stream;
        private long sequence;
        private long captureMicros;
        private String codec;
        private int flags;
        private ByteBuffer payload;

        private Builder(MediaKind kind) { this.kind = kind; }

        public Builder sender(int v) { sender = v; return this; }
        public Builder senderName(String v) { senderName = v; return this; }
        public Builder stream(int v) { stream = v; return this; }
        public Builder sequence(long v) { sequence = v; return this; }
        public Builder captureMicros(long v) { captureMicros = v; return this; }
        public Builder codec(String v) { codec = v; return this; }
        public Builder flags(int v) { flags = v; return this; }
        public Builder keyframe(boolean v) { flags = v ? flags | FLAG_KEYFRAME : flags & ~FLAG_KEYFRAME; return this; }
        public Builder payload(ByteBuffer v) { payload = v; return this; }
        public Builder payload(byte[] v) { payload = ByteBuffer.wrap(v); return this; }
        public MediaFrame build() { return new MediaFrame(this); }
    }
}
