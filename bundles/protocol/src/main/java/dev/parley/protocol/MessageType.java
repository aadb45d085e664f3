package dev.parley.protocol;

/** Message types and their one-byte codes on the wire. */
public enum MessageType {
    HELLO(0x01), WELCOME(0x02), ERROR(0x03), JOINED(0x04), LEFT(0x05), CHALLENGE(0x06), AUTH(0x07),
    CODECS(0x08),
    VIDEO(0x10), AUDIO(0x11), TEXT(0x12),
    RECEIVED(0x20), PING(0x21), PONG(0x22), BYE(0x23), KEYFRAME_REQUEST(0x24);

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType t : values()) BY_CODE[t.code] = t;
    }

    private final int code;

    MessageType(int code) { this.code = code; }

    public int code() { return code; }

    /** Whether frames of this type carry media (and so a codec id). */
    public boolean isMedia() { return this == VIDEO || this == AUDIO || this == TEXT; }

    /** The type for a code, or null if the code is not defined. */
    public static MessageType fromCode(int code) {
        return code >= 0 && code < 256 ? BY_CODE[code] : null;
    }
}
