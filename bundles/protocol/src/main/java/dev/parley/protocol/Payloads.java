package dev.parley.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Reading and writing the primitive fields of control payloads, with bounds checks. */
final class Payloads {
    private Payloads() {
    }

    static void writeString(ByteBuf out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 0xffff) throw new IllegalArgumentException("string longer than 65535 bytes");
        out.writeShort(b.length).writeBytes(b);
    }

    static String readString(ByteBuf in, MessageType type, String field, int maxBytes) {
        need(in, 2, type, field);
        int len = in.readUnsignedShort();
        if (len > maxBytes) {
            throw new MalformedFrameException(ErrorCode.MALFORMED,
                    type + " " + field + " is " + len + " bytes, at most " + maxBytes + " allowed");
        }
        need(in, len, type, field);
        String value = Utf8.decode(in, in.readerIndex(), len);
        if (value == null) throw new MalformedFrameException(ErrorCode.MALFORMED, type + " " + field + " is not valid UTF-8");
        in.skipBytes(len);
        return value;
    }

    static void need(ByteBuf in, int bytes, MessageType type, String field) {
        if (in.readableBytes() < bytes) {
            throw new MalformedFrameException(ErrorCode.MALFORMED, type + " payload too short for " + field);
        }
    }

    static void end(ByteBuf in, MessageType type) {
        if (in.isReadable()) {
            throw new MalformedFrameException(ErrorCode.MALFORMED,
                    type + " payload has " + in.readableBytes() + " unexpected trailing bytes");
        }
    }

    static void expect(Frame frame, MessageType type) {
        if (frame.type() != type) throw new IllegalArgumentException("expected " + type + ", got " + frame.type());
    }

    /**
     * Names and rooms: 1 to 64 bytes of UTF-8 without control characters (U+0000-U+001F, U+007F-U+009F) and
     * without white space at either end (what {@link Character#isWhitespace} calls white space, listed in
     * PROTOCOL.md section 3).
     */
    static String checkName(String value, MessageType type, String field) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0 || b.length > Wire.MAX_NAME_BYTES || value.chars().anyMatch(Character::isISOControl)
                || !value.equals(value.strip())) {
            throw new MalformedFrameException(ErrorCode.INVALID_HELLO,
                    type + " " + field + " must be 1 to " + Wire.MAX_NAME_BYTES
                            + " bytes of UTF-8 without control characters or surrounding spaces");
        }
        return value;
    }
}
