package dev.parley.protocol;

import static dev.parley.protocol.TestWire.concat;
import static dev.parley.protocol.TestWire.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParleyFrameDecoderTest {

    private static byte[] allExamples() {
        return concat(WireExamples.ALL.stream().map(WireExamples.Example::bytes).toArray(byte[][]::new));
    }

    private static List<MessageType> exampleTypes() {
        List<MessageType> types = new ArrayList<>();
        for (WireExamples.Example e : WireExamples.ALL) {
            Frame f = e.frame().get();
            types.add(f.type());
            f.release();
        }
        return types;
    }

    private static List<MessageType> types(List<Frame> frames) {
        return frames.stream().map(Frame::type).toList();
    }

    // --- framing ---

    @Test
    void aFrameSplitAcrossReadsIsDecodedOnceComplete() {
        byte[] bytes = WireExamples.ALL.get(7).bytes();
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        for (int i = 0; i < bytes.length - 1; i++) {
            assertEquals(List.of(), decoder.write(new byte[] {bytes[i]}), "nothing before byte " + i + " completes it");
        }
        List<Frame> frames = decoder.write(new byte[] {bytes[bytes.length - 1]});
        assertEquals(1, frames.size());
        assertEquals(MessageType.AUDIO, frames.get(0).type());
        assertEquals("pcm-s16le;rate=16000", frames.get(0).codec());
        decoder.finishAndAssertClean();
    }

    @Test
    void everyFrameOfAStreamFedByteByByteComesOutExactlyWhenItsLastByteArrives() {
        List<Integer> ends = new ArrayList<>();
        int end = 0;
        for (WireExamples.Example e : WireExamples.ALL) ends.add(end += e.bytes().length);
        byte[] stream = allExamples();
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        List<Integer> completedAt = new ArrayList<>();
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < stream.length; i++) {
            List<Frame> out = decoder.write(new byte[] {stream[i]});
            for (Frame f : out) completedAt.add(i + 1);
            frames.addAll(out);
        }
        assertEquals(ends, completedAt);
        assertEquals(exampleTypes(), types(frames));
        decoder.finishAndAssertClean();
    }

    @Test
    void severalFramesInOneBufferAreAllDecodedInOrder() {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        List<Frame> frames = decoder.write(allExamples());
        assertEquals(exampleTypes(), types(frames));
        assertEquals(new Messages.Hello(Messages.Role.CLIENT, "alice", "lobby", ""), Messages.Hello.from(frames.get(0)));
        assertEquals(new Messages.Bye("quit"), Messages.Bye.from(frames.get(12)));
        decoder.finishAndAssertClean();
    }

    @Test
    void randomlyChunkedInputDecodesToTheSameFrames() {
        byte[] stream = concat(allExamples(), allExamples(), allExamples());
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
            List<Frame> frames = new ArrayList<>();
            for (int at = 0; at < stream.length; ) {
                int n = Math.min(stream.length - at, 1 + random.nextInt(80));
                frames.addAll(decoder.write(Arrays.copyOfRange(stream, at, at + n)));
                at += n;
            }
            assertEquals(3 * WireExamples.ALL.size(), frames.size());
            for (int i = 0; i < frames.size(); i++) {
                byte[] expected = WireExamples.ALL.get(i % WireExamples.ALL.size()).bytes();
                assertArrayEquals(expected, FrameCodec.toBytes(frames.get(i)), "frame " + i);
            }
            decoder.finishAndAssertClean();
        }
    }

    @Test
    void aPayloadOfZeroBytesIsAFrameOfItsOwn() {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        List<Frame> frames = decoder.write(concat(header(0x10, 0, 0, 0), header(0x11, 0, 0, 0)));
        assertEquals(List.of(MessageType.VIDEO, MessageType.AUDIO), types(frames));
        assertEquals(0, frames.get(0).payload().readableBytes());
        decoder.finishAndAssertClean();
    }

    @Test
    void anUnfinishedFrameAtCloseIsDroppedAndReleased() {
        byte[] bytes = WireExamples.ALL.get(1).bytes();
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        assertEquals(List.of(), decoder.write(Arrays.copyOf(bytes, bytes.length - 1)));
        decoder.finishAndAssertClean();
    }

    @Test
    void theLargestAllowedPayloadIsAccepted() {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness(64);
        List<Frame> frames = decoder.write(concat(header(0x10, 0, 0, 64), new byte[64]));
        assertEquals(64, frames.get(0).payload().readableBytes());
        decoder.finishAndAssertClean();
    }

    @Test
    void aTextOfExactlySixteenKibibytesIsAccepted() {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        List<Frame> frames = decoder.write(concat(header(0x12, 0, 0, Wire.MAX_TEXT_BYTES), new byte[Wire.MAX_TEXT_BYTES]));
        assertEquals(1, frames.size());
        decoder.finishAndAssertClean();
    }

    @Test
    void videoMayBeLargerThanTheTextLimit() {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        List<Frame> frames = decoder.write(concat(header(0x10, 0, 0, Wire.MAX_TEXT_BYTES + 1), new byte[Wire.MAX_TEXT_BYTES + 1]));
        assertEquals(1, frames.size());
        decoder.finishAndAssertClean();
    }

    @Test
    void aCodecIdOfThirtyTwoPrintableCharactersIsAccepted() {
        String codec = IntStream.range(0, 32).mapToObj(i -> String.valueOf((char) (i % 2 == 0 ? 0x21 : 0x7e)))
                .reduce("", String::concat);
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        List<Frame> frames = decoder.write(concat(header(0x10, 0, 32, 0), codec.getBytes(StandardCharsets.US_ASCII)));
        assertEquals(codec, frames.get(0).codec());
        decoder.finishAndAssertClean();
    }

    @Test
    void theKeyframeFlagIsTheOnlyFlagAccepted() {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        List<Frame> frames = decoder.write(header(0x10, 1, 0, 0));
        assertTrue(frames.get(0).isKeyframe());
        decoder.finishAndAssertClean();
    }

    @Test
    void headerFieldsAreReadBigEndianAndUnsignedWhereTheLayoutSaysSo() {
        byte[] bytes = header(Wire.MAGIC, 1, 0x11, 0, 0, 0xfedc, 0x89abcdef, 0xfffffffe, 0x0102030405060708L, 0);
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        Frame f = decoder.write(bytes).get(0);
        assertEquals(0xfedc, f.stream());
        assertEquals(0x89abcdefL, Integer.toUnsignedLong(f.sender()));
        assertEquals(4294967294L, Integer.toUnsignedLong(f.sequence()));
        assertEquals(0x0102030405060708L, f.timestampMicros());
        decoder.finishAndAssertClean();
    }

    @Test
    void theDecoderRefusesANegativeLimit() {
        assertThrows(IllegalArgumentException.class, () -> new ParleyFrameDecoder(-1));
        assertEquals(Wire.DEFAULT_MAX_PAYLOAD, new ParleyFrameDecoder(Wire.DEFAULT_MAX_PAYLOAD).maxPayload());
    }

    // --- violations ---

    @Test
    void badMagicIsRefusedAsSoonAsTwoBytesArrive() {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        assertEquals(List.of(), decoder.write(new byte[] {'G'}), "one byte cannot be judged yet");
        ProtocolViolation v = decoder.writeExpectingViolation(new byte[] {'E'});
        assertInstanceOf(MalformedFrameException.class, v);
        assertEquals(ErrorCode.BAD_MAGIC, v.errorCode());
        decoder.finishAndAssertClean();
    }

    @Test
    void anHttpRequestIsNotAParleyStream() {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        ProtocolViolation v = decoder.writeExpectingViolation("GET / HTTP/1.1\r\nHost: relay\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(ErrorCode.BAD_MAGIC, v.errorCode());
        decoder.finishAndAssertClean();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 3, 0x50, 0xff})
    void anotherProtocolVersionIsRefusedAfterOnlyThreeBytes(int version) {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        ProtocolViolation v = decoder.writeExpectingViolation(new byte[] {0x50, 0x52, (byte) version});
        assertInstanceOf(MalformedFrameException.class, v);
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, v.errorCode());
        decoder.finishAndAssertClean();
    }

    @ParameterizedTest
    @ValueSource(longs = {65, 1000, 0x7fffffffL, 0x80000000L, 0xffffffffL})
    void anOversizedLengthIsRefusedBeforeThePayloadArrives(long length) {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness(64);
        ProtocolViolation v = decoder.writeExpectingViolation(header(0x10, 0, 0, length));
        assertInstanceOf(FrameTooLongException.class, v);
        assertEquals(ErrorCode.FRAME_TOO_LARGE, v.errorCode());
        decoder.finishAndAssertClean();
    }

    @Test
    void theDefaultLimitIsEightMebibytes() {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        ProtocolViolation v = decoder.writeExpectingViolation(header(0x10, 0, 0, 8 * 1024 * 1024 + 1));
        assertEquals(ErrorCode.FRAME_TOO_LARGE, v.errorCode());
        decoder.finishAndAssertClean();
    }

    @Test
    void aTextOverSixteenKibibytesIsRefusedEvenUnderTheFrameLimit() {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        ProtocolViolation v = decoder.writeExpectingViolation(header(0x12, 0, 0, Wire.MAX_TEXT_BYTES + 1));
        assertInstanceOf(FrameTooLongException.class, v);
        assertEquals(ErrorCode.FRAME_TOO_LARGE, v.errorCode());
        decoder.finishAndAssertClean();
    }

    @ParameterizedTest
    @ValueSource(ints = {33, 34, 0x80, 0xff})
    void aCodecIdLongerThanThirtyTwoBytesIsMalformed(int codecLength) {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        ProtocolViolation v = decoder.writeExpectingViolation(header(0x10, 0, codecLength, 0));
        assertInstanceOf(MalformedFrameException.class, v);
        assertEquals(ErrorCode.MALFORMED, v.errorCode());
        decoder.finishAndAssertClean();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x09, 0x20, 0x7f, 0x80, 0xc3, 0xff})
    void aCodecIdWithAByteOutsidePrintableAsciiIsMalformed(int bad) {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        ProtocolViolation v = decoder.writeExpectingViolation(
                concat(header(0x10, 0, 5, 1), new byte[] {'j', 'p', (byte) bad, 'g', 'x'}, new byte[] {0}));
        assertInstanceOf(MalformedFrameException.class, v);
        assertEquals(ErrorCode.MALFORMED, v.errorCode());
        decoder.finishAndAssertClean();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x02, 0x03, 0x04, 0x10, 0x80, 0xfe, 0xff})
    void reservedFlagBitsAreMalformed(int flags) {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        ProtocolViolation v = decoder.writeExpectingViolation(header(0x10, flags, 0, 0));
        assertInstanceOf(MalformedFrameException.class, v);
        assertEquals(ErrorCode.MALFORMED, v.errorCode());
        decoder.finishAndAssertClean();
    }

    static IntStream allTypeCodes() {
        return IntStream.range(0, 256);
    }

    @ParameterizedTest
    @MethodSource("allTypeCodes")
    void onlyTheDefinedTypeCodesAreAccepted(int code) {
        MessageType type = MessageType.fromCode(code);
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        if (type != null) {
            assertEquals(type, decoder.write(header(code, 0, 0, 0)).get(0).type());
            assertEquals(code, type.code());
        } else {
            ProtocolViolation v = decoder.writeExpectingViolation(header(code, 0, 0, 0));
            assertInstanceOf(MalformedFrameException.class, v);
            assertEquals(ErrorCode.MALFORMED, v.errorCode());
        }
        decoder.finishAndAssertClean();
    }

    @Test
    void aViolationInTheSecondFrameStillDeliversTheFirst() {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        byte[] good = WireExamples.ALL.get(0).bytes();
        ProtocolViolation v = decoder.writeExpectingViolation(concat(good, header(0x10, 0x40, 0, 0)));
        assertEquals(ErrorCode.MALFORMED, v.errorCode());
        assertEquals(List.of(MessageType.HELLO), types(decoder.received()));
        decoder.finishAndAssertClean();
    }

    @Test
    void afterAFailureAllFurtherInputIsDiscardedAndNothingIsLeftOver() {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        decoder.writeExpectingViolation(concat(header(0x10, 0, 40, 0), WireExamples.ALL.get(0).bytes()));
        for (WireExamples.Example e : WireExamples.ALL) {
            assertEquals(List.of(), decoder.write(e.bytes()), "a stream that lost its framing is never trusted again");
        }
        assertEquals(List.of(), decoder.write(Unpooled.wrappedBuffer(allExamples())));
        decoder.finishAndAssertClean();
    }

    @Test
    void afterAnOversizedHeaderThePayloadThatFollowsIsDiscarded() {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness(16);
        decoder.writeExpectingViolation(header(0x10, 0, 0, 100));
        assertEquals(List.of(), decoder.write(new byte[100]));
        assertEquals(List.of(), decoder.write(WireExamples.ALL.get(9).bytes()));
        decoder.finishAndAssertClean();
    }
}
