package dev.parley.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8: every string on the wire and every TEXT payload must be well-formed UTF-8 (RFC 3629). The JDK's
 * decoder, set to report rather than replace, refuses what the RFC refuses: bytes that never occur (C0, C1, F5-FF),
 * overlong forms, encoded surrogates (ED A0 80) and truncated sequences.
 */
public final class Utf8 {
    private static final ThreadLocal<CharsetDecoder> DECODER = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));

    private Utf8() {
    }

    /** The text of {@code length} bytes at {@code index}, or null if they are not well-formed UTF-8. */
    public static String decode(ByteBuf buf, int index, int length) {
        if (length == 0) return "";
        ByteBuffer bytes = buf.nioBufferCount() == 1 ? buf.nioBuffer(index, length)
                : ByteBuffer.wrap(io.netty.buffer.ByteBufUtil.getBytes(buf, index, length));
        try {
            return DECODER.get().reset().decode(bytes).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Whether the readable bytes of {@code buf} are well-formed UTF-8. */
    public static boolean isValid(ByteBuf buf) {
        return decode(buf, buf.readerIndex(), buf.readableBytes()) != null;
    }
}
