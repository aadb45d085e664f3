package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Control payloads are read strictly: every length checked, nothing missing, nothing extra. */
class MessagesTest {

    private static Frame frame(MessageType type, byte[] payload) {
        return Frame.control(type, 0, Unpooled.wrappedBuffer(payload));
    }

    private static byte[] payload(Frame f) {
        try {
            return TestWire.payloadBytes(f);
        } finally {
            f.release();
        }
    }

    /** A HELLO payload with raw strings, so invalid ones can be written. */
    private static byte[] hello(int role, byte[] name, byte[] room, byte[] auth) {
        return ByteBuffer.allocate(1 + 6 + name.length + room.length + auth.length)
                .put((byte) role)
                .putShort((short) name.length).put(name)
                .putShort((short) room.length).put(room)
                .putShort((short) auth.length).put(auth)
                .array();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static MalformedFrameException helloFails(byte[] payload) {
        Frame f = frame(MessageType.HELLO, payload);
        try {
            return assertThrows(MalformedFrameException.class, () -> Messages.Hello.from(f));
        } finally {
            f.release();
        }
    }

    /** Each control type with a valid payload and its reader. */
    static Stream<Arguments> validPayloads() {
        return Stream.of(
                Arguments.of(MessageType.HELLO, payload(new Messages.Hello(Messages.Role.CLIENT, "alice", "lobby", "pw").toFrame()),
                        (Function<Frame, ?>) Messages.Hello::from),
                Arguments.of(MessageType.WELCOME, payload(new Messages.Welcome(2, "lobby", 100, 4, "relay").toFrame()),
                        (Function<Frame, ?>) Messages.Welcome::from),
                Arguments.of(MessageType.ERROR, payload(new Messages.Error(ErrorCode.MALFORMED, "bad").toFrame()),
                        (Function<Frame, ?>) Messages.Error::from),
                Arguments.of(MessageType.JOINED, payload(new Messages.Joined(1, "bob").toFrame()),
                        (Function<Frame, ?>) Messages.Joined::from),
                Arguments.of(MessageType.LEFT, payload(new Messages.Left(1, Messages.LeaveReason.BYE, "bob").toFrame()),
                        (Function<Frame, ?>) Messages.Left::from),
                Arguments.of(MessageType.RECEIVED, payload(new Messages.Received(5).toFrame()),
                        (Function<Frame, ?>) Messages.Received::from),
                Arguments.of(MessageType.PING, payload(new Messages.Ping(5).toFrame()),
                        (Function<Frame, ?>) Messages.Ping::from),
                Arguments.of(MessageType.PONG, payload(new Messages.Pong(1, 2, 3).toFrame()),
                        (Function<Frame, ?>) Messages.Pong::from),
                Arguments.of(MessageType.BYE, payload(new Messages.Bye("quit").toFrame()),
                        (Function<Frame, ?>) Messages.Bye::from),
                Arguments.of(MessageType.KEYFRAME_REQUEST, payload(new Messages.KeyframeRequest(0, 2, 1).toFrame()),
                        (Function<Frame, ?>) Messages.KeyframeRequest::from));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPayloads")
    void everyTruncatedControlPayloadIsMalformed(MessageType type, byte[] valid, Function<Frame, ?> reader) {
        for (int length = 0; length < valid.length; length++) {
            Frame f = frame(type, Arrays.copyOf(valid, length));
            MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> reader.apply(f),
                    type + " cut to " + length + " bytes");
            assertEquals(ErrorCode.MALFORMED, e.errorCode());
            f.release();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPayloads")
    void trailingBytesAfterAControlPayloadAreMalformed(MessageType type, byte[] valid, Function<Frame, ?> reader) {
        Frame f = frame(type, Arrays.copyOf(valid, valid.length + 1));
        MalformedFrameException e = assertThrows(MalformedFrameException.class, () -> reader.apply(f));
        assertEquals(ErrorCode.MALFORMED, e.errorCode());
        f.release();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPayloads")
    void readingAPayloadNeitherConsumesNorReleasesTheFrame(MessageType type, byte[] valid, Function<Frame, ?> reader) {
        Frame f = frame(type, valid);
        reader.apply(f);
        reader.apply(f);
        assertEquals(1, f.refCnt());
        assertEquals(valid.length, f.payload().readableBytes());
        f.release();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validPayloads")
    void aReaderRefusesAFrameOfAnotherType(MessageType type, byte[] valid, Function<Frame, ?> reader) {
        MessageType other = type == MessageType.BYE ? MessageType.PING : MessageType.BYE;
        Frame f = frame(other, valid);
        assertThrows(IllegalArgumentException.class, () -> reader.apply(f));
        f.release();
    }

    @Test
    void aTruncatedHelloIsMalformed() {
        byte[] valid = hello(1, utf8("alice"), utf8("lobby"), new byte[0]);
        helloFails(Arrays.copyOf(valid, valid.length - 1));
        helloFails(new byte[] {1, 0, 5, 'a', 'l'});
        helloFails(new byte[0]);
    }

    @Test
    void aHelloWithTrailingBytesIsMalformed() {
        helloFails(TestWire.concat(hello(1, utf8("alice"), utf8("lobby"), new byte[0]), new byte[] {0}));
    }

    @Test
    void anEmptyNameOrRoomIsAnInvalidHello() {
        assertEquals(ErrorCode.INVALID_HELLO, helloFails(hello(1, new byte[0], utf8("lobby"), new byte[0])).errorCode());
        assertEquals(ErrorCode.INVALID_HELLO, helloFails(hello(1, utf8("alice"), new byte[0], new byte[0])).errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"al\u0000ice", "al\u0007ice", "alice\n", "al\tice", "al\u001bice", "al\u007fice", "al\u0085ice"})
    void aNameWithAControlCharacterIsAnInvalidHello(String name) {
        assertEquals(ErrorCode.INVALID_HELLO, helloFails(hello(1, utf8(name), utf8("lobby"), new byte[0])).errorCode());
        assertEquals(ErrorCode.INVALID_HELLO, helloFails(hello(1, utf8("alice"), utf8(name), new byte[0])).errorCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {" alice", "alice ", " ", "\u3000alice"})
    void aNameWithSurroundingSpacesIsAnInvalidHello(String name) {
        assertEquals(ErrorCode.INVALID_HELLO, helloFails(hello(1, utf8(name), utf8("lobby"), new byte[0])).errorCode());
    }

    @Test
    void aSixtyFiveByteNameIsRefused() {
        helloFails(hello(1, utf8("a".repeat(65)), utf8("lobby"), new byte[0]));
        helloFails(hello(1, utf8("alice"), utf8("r".repeat(65)), new byte[0]));
        helloFails(hello(1, utf8("\u00e9".repeat(33)), utf8("lobby"), new byte[0]));
    }

    @Test
    void namesOfUpToSixtyFourBytesOfUtf8WithInnerSpacesAreAccepted() {
        for (String name : new String[] {"a", "a".repeat(64), "\u00e9".repeat(32), "alice smith", "\u6771\u4eac", "\ud83d\ude00"}) {
            Frame f = frame(MessageType.HELLO, hello(1, utf8(name), utf8(name), new byte[0]));
            assertEquals(new Messages.Hello(Messages.Role.CLIENT, name, name, ""), Messages.Hello.from(f));
            f.release();
        }
    }

    @Test
    void anAuthOfMoreThan1024BytesIsMalformed() {
        Frame ok = frame(MessageType.HELLO, hello(1, utf8("a"), utf8("b"), utf8("t".repeat(1024))));
        assertEquals(1024, Messages.Hello.from(ok).auth().length());
        ok.release();
        helloFails(hello(1, utf8("a"), utf8("b"), utf8("t".repeat(1025))));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 0x81, 0xff})
    void aRoleOtherThanClientOrPeerIsAnInvalidHello(int role) {
        assertEquals(ErrorCode.INVALID_HELLO, helloFails(hello(role, utf8("alice"), utf8("lobby"), new byte[0])).errorCode());
    }

    @Test
    void aPeerHelloIsWellFormed() {
        Frame f = frame(MessageType.HELLO, hello(2, utf8("alice"), utf8("lobby"), new byte[0]));
        assertEquals(Messages.Role.PEER, Messages.Hello.from(f).role());
        f.release();
    }

    @Test
    void aHelloWrittenWithoutAuthCarriesAnEmptyAuth() {
        Frame f = new Messages.Hello(Messages.Role.CLIENT, "alice", "lobby", null).toFrame();
        assertEquals("", Messages.Hello.from(f).auth());
        f.release();
    }

    @Test
    void welcomeStringsAreBounded() {
        Frame roomTooLong = new Messages.Welcome(1, "r".repeat(65), 1, 1, "s").toFrame();
        assertThrows(MalformedFrameException.class, () -> Messages.Welcome.from(roomTooLong));
        roomTooLong.release();
        Frame serverTooLong = new Messages.Welcome(1, "r", 1, 1, "s".repeat(257)).toFrame();
        assertThrows(MalformedFrameException.class, () -> Messages.Welcome.from(serverTooLong));
        serverTooLong.release();
    }

    @Test
    void theVideoWindowIsAnUnsignedSixteenBitNumber() {
        Frame f = new Messages.Welcome(1, "r", 1, 65535, "s").toFrame();
        assertEquals(65535, Messages.Welcome.from(f).videoWindow());
        f.release();
    }

    @Test
    void anErrorMessageIsCutToAThousandCharactersWhenWritten() {
        Frame f = new Messages.Error(ErrorCode.INTERNAL, "x".repeat(5000)).toFrame();
        assertEquals(1000, Messages.Error.from(f).message().length());
        f.release();
    }

    @Test
    void anErrorMessageOfMoreThan4096BytesIsMalformed() {
        ByteBuf b = Unpooled.buffer().writeShort(4).writeShort(4097).writeZero(4097);
        Frame f = Frame.control(MessageType.ERROR, 0, b);
        assertThrows(MalformedFrameException.class, () -> Messages.Error.from(f));
        f.release();
    }

    @Test
    void anUnknownErrorCodeReadsAsInternal() {
        Frame f = frame(MessageType.ERROR, new byte[] {0x01, 0x00, 0, 0});
        assertEquals(new Messages.Error(ErrorCode.INTERNAL, ""), Messages.Error.from(f));
        f.release();
    }

    @Test
    void errorCodesHaveTheirDocumentedNumbers() {
        int[] expected = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
        ErrorCode[] codes = {ErrorCode.BAD_MAGIC, ErrorCode.UNSUPPORTED_VERSION, ErrorCode.FRAME_TOO_LARGE,
                ErrorCode.MALFORMED, ErrorCode.HANDSHAKE_TIMEOUT, ErrorCode.UNEXPECTED_MESSAGE, ErrorCode.WRONG_ROLE,
                ErrorCode.INVALID_HELLO, ErrorCode.SHUTTING_DOWN, ErrorCode.INTERNAL, ErrorCode.TOO_SLOW,
                ErrorCode.IDLE_TIMEOUT, ErrorCode.LIMIT_REACHED, ErrorCode.TLS_REQUIRED, ErrorCode.AUTH_FAILED};
        assertEquals(codes.length, ErrorCode.values().length);
        for (int i = 0; i < codes.length; i++) {
            assertEquals(expected[i], codes[i].code());
            assertEquals(codes[i], ErrorCode.fromCode(expected[i]));
        }
    }

    @Test
    void leaveReasonsHaveTheirDocumentedNumbersAndUnknownOnesReadAsConnectionLost() {
        Messages.LeaveReason[] reasons = {Messages.LeaveReason.BYE, Messages.LeaveReason.CONNECTION_LOST,
                Messages.LeaveReason.PROTOCOL_ERROR, Messages.LeaveReason.TIMEOUT, Messages.LeaveReason.TOO_SLOW};
        assertEquals(reasons.length, Messages.LeaveReason.values().length);
        for (int i = 0; i < reasons.length; i++) assertEquals(i, reasons[i].code());
        Frame f = frame(MessageType.LEFT, new byte[] {9, 0, 1, 'x'});
        assertEquals(new Messages.Left(0, Messages.LeaveReason.CONNECTION_LOST, "x"), Messages.Left.from(f));
        f.release();
    }

    @Test
    void joinedAndLeftTakeTheParticipantFromTheHeaderSender() {
        Frame joined = new Messages.Joined(77, "x").toFrame();
        assertEquals(77, joined.sender());
        assertEquals(new Messages.Joined(77, "x"), Messages.Joined.from(joined));
        joined.release();
        Frame left = new Messages.Left(78, Messages.LeaveReason.BYE, "x").toFrame();
        assertEquals(78, left.sender());
        assertEquals(78, Messages.Left.from(left).participant());
        left.release();
    }

    @Test
    void receivedCountsWrapAsUnsigned32BitNumbers() {
        Frame f = new Messages.Received(0xffffffff).toFrame();
        assertEquals(4, f.payload().readableBytes());
        assertEquals(0xffffffffL, f.payload().getUnsignedInt(0));
        assertEquals(4294967295L, Integer.toUnsignedLong(Messages.Received.from(f).videoFrames()));
        f.release();
    }

    @Test
    void aKeyframeRequestNamesTheTargetInThePayloadAndTheAskerInTheHeader() {
        Frame f = new Messages.KeyframeRequest(3, 5, 65535).toFrame();
        assertEquals(3, f.sender());
        assertEquals(new Messages.KeyframeRequest(3, 5, 65535), Messages.KeyframeRequest.from(f));
        f.release();
    }

    @Test
    void controlFramesCarryNoMediaHeaderFields() {
        for (WireExamples.Example e : WireExamples.ALL) {
            Frame f = e.frame().get();
            if (!f.type().isMedia()) {
                assertEquals(0, f.flags(), e.title());
                assertEquals(0, f.stream(), e.title());
                assertEquals(0, f.sequence(), e.title());
                assertEquals(0, f.timestampMicros(), e.title());
                assertEquals("", f.codec(), e.title());
            }
            f.release();
        }
    }
}
