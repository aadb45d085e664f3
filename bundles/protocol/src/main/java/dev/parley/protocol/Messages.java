package dev.parley.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The control messages' payloads, each with {@code toFrame()} and {@code from(Frame)}. Reading checks every length
 * and throws {@link MalformedFrameException} for a payload that does not match its type; it does not release the
 * frame. Strings are a u16 byte length followed by UTF-8.
 */
public final class Messages {
    private Messages() {
    }

    /** What a HELLO says the connecting side is. */
    public enum Role {
        /** A participant joining a room on a relay. */
        CLIENT(1),
        /** A peer in a direct peer-to-peer session. */
        PEER(2);

        private final int code;

        Role(int code) { this.code = code; }

        public int code() { return code; }

        static Role fromCode(int code) {
            for (Role r : values()) if (r.code == code) return r;
            throw new MalformedFrameException(ErrorCode.INVALID_HELLO, "HELLO role " + code + " is not 1 or 2");
        }
    }

    /** First message of the connecting side: {@code u8 role, string name, string room, string auth}. */
    public record Hello(Role role, String name, String room, String auth) {
        public Frame toFrame() {
            ByteBuf b = Unpooled.buffer();
            b.writeByte(role.code());
            Payloads.writeString(b, name);
            Payloads.writeString(b, room);
            Payloads.writeString(b, auth == null ? "" : auth);
            return Frame.control(MessageType.HELLO, 0, b);
        }

        public static Hello from(Frame f) {
            Payloads.expect(f, MessageType.HELLO);
            ByteBuf in = f.payload().duplicate();
            Payloads.need(in, 1, MessageType.HELLO, "role");
            Role role = Role.fromCode(in.readUnsignedByte());
            // Read up to the string limit, then judge the name: an over-long name is an invalid HELLO, not a broken frame.
            String name = Payloads.checkName(Payloads.readString(in, MessageType.HELLO, "name", 0xffff),
                    MessageType.HELLO, "name");
            String room = Payloads.checkName(Payloads.readString(in, MessageType.HELLO, "room", 0xffff),
                    MessageType.HELLO, "room");
            String auth = Payloads.readString(in, MessageType.HELLO, "auth", Wire.MAX_AUTH_BYTES);
            Payloads.end(in, MessageType.HELLO);
            return new Hello(role, name, room, auth);
        }
    }

    /**
     * Answer to a HELLO: {@code u32 participant, string room, u32 maxPayload, u16 videoWindow, string server}.
     */
    public record Welcome(int participant, String room, int maxPayload, int videoWindow, String server) {
        public Frame toFrame() {
            ByteBuf b = Unpooled.buffer();
            b.writeInt(participant);
            Payloads.writeString(b, room);
            b.writeInt(maxPayload);
            b.writeShort(videoWindow);
            Payloads.writeString(b, server);
            return Frame.control(MessageType.WELCOME, 0, b);
        }

        public static Welcome from(Frame f) {
            Payloads.expect(f, MessageType.WELCOME);
            ByteBuf in = f.payload().duplicate();
            Payloads.need(in, 4, MessageType.WELCOME, "participant");
            int id = in.readInt();
            String room = Payloads.readString(in, MessageType.WELCOME, "room", Wire.MAX_NAME_BYTES);
            Payloads.need(in, 6, MessageType.WELCOME, "limits");
            int max = in.readInt();
            int window = in.readUnsignedShort();
            String server = Payloads.readString(in, MessageType.WELCOME, "server", Wire.MAX_SERVER_BYTES);
            Payloads.end(in, MessageType.WELCOME);
            return new Welcome(id, room, max, window, server);
        }
    }

    /** {@code u16 code, string message}; the sender closes the connection after it. */
    public record Error(ErrorCode code, String message) {
        public Frame toFrame() {
            ByteBuf b = Unpooled.buffer();
            b.writeShort(code.code());
            Payloads.writeString(b, message.length() > 1000 ? message.substring(0, 1000) : message);
            return Frame.control(MessageType.ERROR, 0, b);
        }

        public static Error from(Frame f) {
            Payloads.expect(f, MessageType.ERROR);
            ByteBuf in = f.payload().duplicate();
            Payloads.need(in, 2, MessageType.ERROR, "code");
            ErrorCode code = ErrorCode.fromCode(in.readUnsignedShort());
            String message = Payloads.readString(in, MessageType.ERROR, "message", Wire.MAX_ERROR_BYTES);
            Payloads.end(in, MessageType.ERROR);
            return new Error(code, message);
        }
    }

    /**
     * The room asks for its passphrase (relay to client, in answer to HELLO): {@code string kdf, u32 memoryKiB,
     * u8 iterations, u8 parallelism, u16 saltLength, salt, 32-byte nonce}. The only kdf is {@code argon2id}.
     */
    public record Challenge(String kdf, int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] nonce) {
        public Frame toFrame() {
            ByteBuf b = Unpooled.buffer();
            Payloads.writeString(b, kdf);
            b.writeInt(memoryKiB).writeByte(iterations).writeByte(parallelism).writeShort(salt.length).writeBytes(salt);
            b.writeBytes(nonce);
            return Frame.control(MessageType.CHALLENGE, 0, b);
        }

        public static Challenge from(Frame f) {
            Payloads.expect(f, MessageType.CHALLENGE);
            ByteBuf in = f.payload().duplicate();
            String kdf = Payloads.readString(in, MessageType.CHALLENGE, "kdf", Wire.MAX_KDF_NAME_BYTES);
            Payloads.need(in, 8, MessageType.CHALLENGE, "cost");
            int memory = in.readInt();
            int iterations = in.readUnsignedByte();
            int parallelism = in.readUnsignedByte();
            int saltLength = in.readUnsignedShort();
            if (saltLength > Wire.MAX_SALT_BYTES) {
                throw new MalformedFrameException(ErrorCode.MALFORMED, "CHALLENGE salt of " + saltLength + " bytes, at most "
                        + Wire.MAX_SALT_BYTES);
            }
            Payloads.need(in, saltLength + Wire.NONCE_BYTES, MessageType.CHALLENGE, "salt and nonce");
            byte[] salt = new byte[saltLength];
            in.readBytes(salt);
            byte[] nonce = new byte[Wire.NONCE_BYTES];
            in.readBytes(nonce);
            Payloads.end(in, MessageType.CHALLENGE);
            return new Challenge(kdf, memory, iterations, parallelism, salt, nonce);
        }
    }

    /** The answer to a CHALLENGE (client to relay): 32 bytes, HMAC-SHA256 under the passphrase's key (PROTOCOL.md 6). */
    public record Auth(byte[] response) {
        public Frame toFrame() {
            return Frame.control(MessageType.AUTH, 0, Unpooled.copiedBuffer(response));
        }

        public static Auth from(Frame f) {
            Payloads.expect(f, MessageType.AUTH);
            ByteBuf in = f.payload().duplicate();
            Payloads.need(in, Wire.AUTH_BYTES, MessageType.AUTH, "response");
            byte[] r = new byte[Wire.AUTH_BYTES];
            in.readBytes(r);
            Payloads.end(in, MessageType.AUTH);
            return new Auth(r);
        }
    }

    /**
     * The codecs a participant can decode (codec agreement): {@code u8 count}, then that many codec names as
     * strings (1 to 32 bytes, 0x21 to 0x7e, no {@code ;}). Client to relay with sender 0; relay to the room with
     * the participant's number as sender. Announced after WELCOME and again whenever the set changes.
     */
    public record Codecs(int participant, java.util.List<String> names) {
        public Codecs {
            names = java.util.List.copyOf(names);
            if (names.size() > Wire.MAX_CODECS) throw new IllegalArgumentException("at most " + Wire.MAX_CODECS + " codecs");
            for (String n : names) checkName(n);
        }

        public Frame toFrame() {
            ByteBuf b = Unpooled.buffer();
            b.writeByte(names.size());
            for (String n : names) Payloads.writeString(b, n);
            return Frame.control(MessageType.CODECS, participant, b);
        }

        public static Codecs from(Frame f) {
            Payloads.expect(f, MessageType.CODECS);
            ByteBuf in = f.payload().duplicate();
            Payloads.need(in, 1, MessageType.CODECS, "count");
            int count = in.readUnsignedByte();
            if (count > Wire.MAX_CODECS) {
                throw new MalformedFrameException(ErrorCode.MALFORMED, "CODECS names " + count + " codecs, at most " + Wire.MAX_CODECS);
            }
            java.util.List<String> names = new java.util.ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String n = Payloads.readString(in, MessageType.CODECS, "codec", Wire.MAX_CODEC_LENGTH);
                try {
                    checkName(n);
                } catch (IllegalArgumentException e) {
                    throw new MalformedFrameException(ErrorCode.MALFORMED, e.getMessage());
                }
                names.add(n);
            }
            Payloads.end(in, MessageType.CODECS);
            return new Codecs(f.sender(), names);
        }

        private static void checkName(String n) {
            if (n.isEmpty() || n.length() > Wire.MAX_CODEC_LENGTH || !n.chars().allMatch(c -> c >= 0x21 && c <= 0x7e && c != ';')) {
                throw new IllegalArgumentException("codec name '" + n + "' is not 1 to 32 printable ASCII characters without ';'");
            }
        }
    }

    /** A participant entered the room; header sender is its number, payload {@code string name}. */
    public record Joined(int participant, String name) {
        public Frame toFrame() {
            ByteBuf b = Unpooled.buffer();
            Payloads.writeString(b, name);
            return Frame.control(MessageType.JOINED, participant, b);
        }

        public static Joined from(Frame f) {
            Payloads.expect(f, MessageType.JOINED);
            ByteBuf in = f.payload().duplicate();
            String name = Payloads.readString(in, MessageType.JOINED, "name", Wire.MAX_NAME_BYTES);
            Payloads.end(in, MessageType.JOINED);
            return new Joined(f.sender(), name);
        }
    }

    /** Why a participant left. */
    public enum LeaveReason {
        BYE(0, "left"), CONNECTION_LOST(1, "connection lost"), PROTOCOL_ERROR(2, "protocol error"),
        TIMEOUT(3, "timed out"), TOO_SLOW(4, "too slow: stopped reading");

        private final int code;
        private final String text;

        LeaveReason(int code, String text) {
            this.code = code;
            this.text = text;
        }

        public int code() { return code; }

        public String text() { return text; }

        static LeaveReason fromCode(int code) {
            for (LeaveReason r : values()) if (r.code == code) return r;
            return CONNECTION_LOST;
        }
    }

    /** A participant left the room; header sender is its number, payload {@code u8 reason, string name}. */
    public record Left(int participant, LeaveReason reason, String name) {
        public Frame toFrame() {
            ByteBuf b = Unpooled.buffer();
            b.writeByte(reason.code());
            Payloads.writeString(b, name);
            return Frame.control(MessageType.LEFT, participant, b);
        }

        public static Left from(Frame f) {
            Payloads.expect(f, MessageType.LEFT);
            ByteBuf in = f.payload().duplicate();
            Payloads.need(in, 1, MessageType.LEFT, "reason");
            LeaveReason reason = LeaveReason.fromCode(in.readUnsignedByte());
            String name = Payloads.readString(in, MessageType.LEFT, "name", Wire.MAX_NAME_BYTES);
            Payloads.end(in, MessageType.LEFT);
            return new Left(f.sender(), reason, name);
        }
    }

    /** Flow control: {@code u32 count} of VIDEO frames received on this connection so far (wraps). */
    public record Received(int videoFrames) {
        public Frame toFrame() {
            return Frame.control(MessageType.RECEIVED, 0, Unpooled.buffer(4).writeInt(videoFrames));
        }

        public static Received from(Frame f) {
            Payloads.expect(f, MessageType.RECEIVED);
            ByteBuf in = f.payload().duplicate();
            Payloads.need(in, 4, MessageType.RECEIVED, "count");
            int n = in.readInt();
            Payloads.end(in, MessageType.RECEIVED);
            return new Received(n);
        }
    }

    /** {@code i64 t1}: the sender's wall clock in µs when it sent the PING. */
    public record Ping(long t1) {
        public Frame toFrame() {
            return Frame.control(MessageType.PING, 0, Unpooled.buffer(8).writeLong(t1));
        }

        public static Ping from(Frame f) {
            Payloads.expect(f, MessageType.PING);
            ByteBuf in = f.payload().duplicate();
            Payloads.need(in, 8, MessageType.PING, "t1");
            long t1 = in.readLong();
            Payloads.end(in, MessageType.PING);
            return new Ping(t1);
        }
    }

    /** {@code i64 t1, i64 t2, i64 t3}: the PING's t1, and the answering side's clock at receipt and at sending. */
    public record Pong(long t1, long t2, long t3) {
        public Frame toFrame() {
            return Frame.control(MessageType.PONG, 0, Unpooled.buffer(24).writeLong(t1).writeLong(t2).writeLong(t3));
        }

        public static Pong from(Frame f) {
            Payloads.expect(f, MessageType.PONG);
            ByteBuf in = f.payload().duplicate();
            Payloads.need(in, 24, MessageType.PONG, "times");
            Pong p = new Pong(in.readLong(), in.readLong(), in.readLong());
            Payloads.end(in, MessageType.PONG);
            return p;
        }
    }

    /** {@code string reason}: the sender is leaving; the connection closes after it. */
    public record Bye(String reason) {
        public Frame toFrame() {
            ByteBuf b = Unpooled.buffer();
            Payloads.writeString(b, reason);
            return Frame.control(MessageType.BYE, 0, b);
        }

        public static Bye from(Frame f) {
            Payloads.expect(f, MessageType.BYE);
            ByteBuf in = f.payload().duplicate();
            String reason = Payloads.readString(in, MessageType.BYE, "reason", Wire.MAX_AUTH_BYTES);
            Payloads.end(in, MessageType.BYE);
            return new Bye(reason);
        }
    }

    /**
     * {@code u32 target, u16 stream}: asks participant {@code target} for a keyframe on its video stream. The relay
     * forwards it to the target with the header sender set to the asking participant.
     */
    public record KeyframeRequest(int sender, int target, int stream) {
        public Frame toFrame() {
            return Frame.control(MessageType.KEYFRAME_REQUEST, sender, Unpooled.buffer(6).writeInt(target).writeShort(stream));
        }

        public static KeyframeRequest from(Frame f) {
            Payloads.expect(f, MessageType.KEYFRAME_REQUEST);
            ByteBuf in = f.payload().duplicate();
            Payloads.need(in, 6, MessageType.KEYFRAME_REQUEST, "target");
            KeyframeRequest r = new KeyframeRequest(f.sender(), in.readInt(), in.readUnsignedShort());
            Payloads.end(in, MessageType.KEYFRAME_REQUEST);
            return r;
        }
    }
}
