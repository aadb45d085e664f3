package dev.parley.protocol;

/** Error codes carried by ERROR messages. After sending an ERROR the sender closes the connection. */
public enum ErrorCode {
    BAD_MAGIC(1, "not a Parley stream (bad magic)"),
    UNSUPPORTED_VERSION(2, "unsupported protocol version"),
    FRAME_TOO_LARGE(3, "frame larger than the limit"),
    MALFORMED(4, "malformed frame"),
    HANDSHAKE_TIMEOUT(5, "no HELLO in time"),
    UNEXPECTED_MESSAGE(6, "message not allowed in this state"),
    WRONG_ROLE(7, "wrong kind of endpoint"),
    INVALID_HELLO(8, "invalid HELLO"),
    SHUTTING_DOWN(9, "server shutting down"),
    INTERNAL(10, "internal error"),
    TOO_SLOW(11, "receiver too slow: it stopped reading"),
    IDLE_TIMEOUT(12, "nothing received for too long"),
    LIMIT_REACHED(13, "a limit of the relay is reached: connections from this address, rooms, or room size"),
    TLS_REQUIRED(14, "this endpoint speaks TLS only"),
    AUTH_FAILED(15, "authentication failed");

    private final int code;
    private final String description;

    ErrorCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() { return code; }

    public String description() { return description; }

    public static ErrorCode fromCode(int code) {
        for (ErrorCode c : values()) if (c.code == code) return c;
        return INTERNAL;
    }
}
