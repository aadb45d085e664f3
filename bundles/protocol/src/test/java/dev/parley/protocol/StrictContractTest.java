package dev.parley.protocol;

import static dev.parley.protocol.TestWire.concat;
import static dev.parley.protocol.TestWire.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The contract's strict points (PROTOCOL.md sections 2 to 4): well-formed UTF-8 everywhere, a limit per message
 * type checked from the header, a few KB before the handshake, keyframe flags and codec ids on media only.
 */
class StrictContractTest {
    /** A HELLO payload whose name is {@code name} (raw bytes), room "lobby", no auth. */
    private static byte[] helloWithName(byte[] name) {
        byte[] room = "lobby".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] payload = new byte[1 + 2 + name.length + 2 + room.length + 2];
        int i = 0;
        payload[i++] = 1;
        payload[i++] = 0;
        payload[i++] = (byte) name.length;
        System.arraycopy(name, 0, payload, i, name.length);
        i += name.length;
        payload[i++] = 0;
        payload[i++] = (byte) room.length;
        System.arraycopy(room, 0, payload, i, room.length);
        return payload;
    }

    private static ProtocolViolation helloViolation(byte[] name) {
        byte[] payload = helloWithName(name);
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        List<Frame> frames = decoder.write(concat(header(0x01, 0, 0, payload.length), payload));
        try {
            Messages.Hello.from(frames.get(0));
            throw new AssertionError("accepted");
        } catch (MalformedFrameException e) {
            return e;
        } finally {
            decoder.finishAndAssertClean();
        }
    }

    @Test
    void aNameThatIsNotUtf8IsMalformedNotRewritten() {
        assertEquals(ErrorCode.MALFORMED, helloViolation(new byte[] {'a', (byte) 0xff, (byte) 0xfe}).errorCode());
    }

    @Test
    void anOverlongEncodingIsMalformed() {
        assertEquals(ErrorCode.MALFORMED, helloViolation(new byte[] {'a', (byte) 0xc0, (byte) 0xaf}).errorCode());
    }

    @Test
    void anEncodedSurrogateIsMalformed() {
        assertEquals(ErrorCode.MALFORMED, helloViolation(new byte[] {'a', (byte) 0xed, (byte) 0xa0, (byte) 0x80}).errorCode());
    }

    @Test
    void aTruncatedSequenceIsMalformed() {
        assertEquals(ErrorCode.MALFORMED, helloViolation(new byte[] {'a', (byte) 0xe2, (byte) 0x82}).errorCode());
    }

    @Test
    void wellFormedNamesInAnyScriptAreAccepted() {
        byte[] payload = helloWithName("Zoë 李 🎥".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        Frame f = decoder.write(concat(header(0x01, 0, 0, payload.length), payload)).get(0);
        assertEquals("Zoë 李 🎥", Messages.Hello.from(f).name());
        decoder.finishAndAssertClean();
    }

    @Test
    void aTextPayloadThatIsNotUtf8IsMalformedWhenItArrives() {
        byte[] text = {'h', 'i', (byte) 0xc3};
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        ProtocolViolation v = decoder.writeExpectingViolation(concat(header(0x12, 0, 0, text.length), text));
        assertEquals(ErrorCode.MALFORMED, v.errorCode());
        decoder.finishAndAssertClean();
    }

    @ParameterizedTest
    @EnumSource(value = MessageType.class, names = {"VIDEO", "AUDIO"}, mode = EnumSource.Mode.EXCLUDE)
    void everyOtherTypeHasItsOwnSmallLimitCheckedFromTheHeader(MessageType type) {
        int limit = Wire.maxPayload(type);
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        ProtocolViolation v = decoder.writeExpectingViolation(header(type.code(), 0, 0, limit + 1));
        assertInstanceOf(FrameTooLongException.class, v);
        assertEquals(ErrorCode.FRAME_TOO_LARGE, v.errorCode());
        decoder.finishAndAssertClean();
    }

    @Test
    void theLongestValidHelloFitsItsLimit() {
        Frame hello = new Messages.Hello(Messages.Role.CLIENT, "n".repeat(64), "r".repeat(64), "a".repeat(1024)).toFrame();
        assertEquals(Wire.MAX_HELLO_BYTES, hello.payload().readableBytes());
        hello.release();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x10, 0x11, 0x12, 0x01})
    void beforeTheHandshakeNoFrameMayBeLongerThanAHello(int type) {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness(new ParleyFrameDecoder(Wire.DEFAULT_MAX_PAYLOAD, true));
        ProtocolViolation v = decoder.writeExpectingViolation(header(type, 0, 0, Wire.MAX_HELLO_BYTES + 1));
        assertEquals(ErrorCode.FRAME_TOO_LARGE, v.errorCode());
        decoder.finishAndAssertClean();
    }

    @Test
    void afterTheHandshakeMediaMayUseTheWholeLimit() {
        ParleyFrameDecoder d = new ParleyFrameDecoder(Wire.DEFAULT_MAX_PAYLOAD, true);
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness(d);
        d.handshakeDone();
        byte[] payload = new byte[100_000];
        assertEquals(1, decoder.write(concat(header(0x10, 0, 0, payload.length), payload)).size());
        decoder.finishAndAssertClean();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x12, 0x20, 0x21, 0x04})
    void aKeyframeFlagOnAnythingButVideoOrAudioIsMalformed(int type) {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        ProtocolViolation v = decoder.writeExpectingViolation(header(type, 1, 0, 0));
        assertEquals(ErrorCode.MALFORMED, v.errorCode());
        decoder.finishAndAssertClean();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x12, 0x20, 0x01})
    void aCodecIdOnAnythingButVideoOrAudioIsMalformed(int type) {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        ProtocolViolation v = decoder.writeExpectingViolation(concat(header(type, 0, 4, 0), new byte[] {'j', 'p', 'e', 'g'}));
        assertEquals(ErrorCode.MALFORMED, v.errorCode());
        decoder.finishAndAssertClean();
    }
}
