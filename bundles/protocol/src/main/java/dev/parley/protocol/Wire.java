package dev.parley.protocol;

/**
 * Fixed facts of the frame layout. Every frame, in both directions, is:
 *
 * <pre>
 * offset size field
 *  0     2    magic          0x50 0x52 ("PR")
 *  2     1    version        1
 *  3     1    type           {@link MessageType} code
 *  4     1    flags          bit 0: keyframe; other bits 0
 *  5     1    codec length C 0..32 (0 for non-media messages)
 *  6     2    stream         sender's stream number, unsigned
 *  8     4    sender         participant number, unsigned (0 = relay or not yet assigned)
 * 12     4    sequence       per-stream counter, unsigned, wraps
 * 16     8    timestamp      capture time, µs since the Unix epoch, relay clock, signed
 * 24     4    payload length L, unsigned, at most the receiver's limit (default 8 MiB)
 * 28     C    codec id       US-ASCII, for example "jpeg" or "pcm-s16le;rate=16000"
 * 28+C   L    payload
 * </pre>
 *
 * All integers are big-endian.
 */
public final class Wire {
    public static final int MAGIC = 0x5052;
    public static final int VERSION = 1;
    public static final int HEADER_LENGTH = 28;
    public static final int MAX_CODEC_LENGTH = 32;
    /** Default limit on a frame's payload length: 8 MiB. */
    public static final int DEFAULT_MAX_PAYLOAD = 8 * 1024 * 1024;
    /** Limit on a TEXT payload: 16 KiB of UTF-8. */
    public static final int MAX_TEXT_BYTES = 16 * 1024;
    /** Limit on names and rooms: 64 bytes of UTF-8. */
    public static final int MAX_NAME_BYTES = 64;
    public static final int FLAG_KEYFRAME = 1;
    /** Offset of the sender field, which the relay stamps on forwarded frames. */
    public static final int SENDER_OFFSET = 8;
    /** Offsets of the other header fields (see the layout above). */
    public static final int VERSION_OFFSET = 2;
    public static final int TYPE_OFFSET = 3;
    public static final int FLAGS_OFFSET = 4;
    public static final int CODEC_LENGTH_OFFSET = 5;
    public static final int STREAM_OFFSET = 6;
    public static final int SEQUENCE_OFFSET = 12;
    public static final int TIMESTAMP_OFFSET = 16;
    public static final int PAYLOAD_LENGTH_OFFSET = 24;
    /** Limit on the auth field of HELLO, and on a BYE reason: 1 KiB. */
    public static final int MAX_AUTH_BYTES = 1024;
    /** Limit on an ERROR message. */
    public static final int MAX_ERROR_BYTES = 4096;
    /** Limit on the server field of WELCOME. */
    public static final int MAX_SERVER_BYTES = 256;
    /** Most codec names one CODECS message may announce. */
    public static final int MAX_CODECS = 32;
    /** CHALLENGE and AUTH (room passphrases): the KDF's name, the salt, the nonce and the answer. */
    public static final int MAX_KDF_NAME_BYTES = 16;
    public static final int MAX_SALT_BYTES = 64;
    public static final int NONCE_BYTES = 32;
    public static final int AUTH_BYTES = 32;
    /** The longest valid HELLO payload: role, name, room and auth at their limits. */
    public static final int MAX_HELLO_BYTES = 1 + (2 + MAX_NAME_BYTES) * 2 + 2 + MAX_AUTH_BYTES;

    /**
     * The largest payload a frame of {@code type} may carry, or -1 for VIDEO and AUDIO, whose limit is the
     * receiver's {@code maxPayload}. Checked as soon as the header arrives.
     */
    public static int maxPayload(MessageType type) {
        return switch (type) {
            case HELLO -> MAX_HELLO_BYTES;
            case WELCOME -> 4 + 2 + MAX_NAME_BYTES + 4 + 2 + 2 + MAX_SERVER_BYTES;
            case ERROR -> 2 + 2 + MAX_ERROR_BYTES;
            case JOINED -> 2 + MAX_NAME_BYTES;
            case LEFT -> 1 + 2 + MAX_NAME_BYTES;
            case TEXT -> MAX_TEXT_BYTES;
            case RECEIVED -> 4;
            case PING -> 8;
            case PONG -> 24;
            case BYE -> 2 + MAX_AUTH_BYTES;
            case KEYFRAME_REQUEST -> 6;
            case CHALLENGE -> 2 + MAX_KDF_NAME_BYTES + 4 + 1 + 1 + 2 + MAX_SALT_BYTES + NONCE_BYTES;
            case AUTH -> AUTH_BYTES;
            case CODECS -> 1 + MAX_CODECS * (2 + MAX_CODEC_LENGTH);
            case VIDEO, AUDIO -> -1;
        };
    }

    private Wire() {
    }
}
