package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Frames written by {@link ParleyFrameEncoder} come out of {@link ParleyFrameDecoder} unchanged, without copies. */
class FrameRoundTripTest {

    /** Writes the frame through an encoder channel and feeds the bytes to a decoder channel. */
    private static Frame roundTrip(Frame frame, TestWire.DecoderHarness decoder) {
        EmbeddedChannel encoder = new EmbeddedChannel(ParleyFrameEncoder.INSTANCE);
        encoder.writeOutbound(frame);
        ByteBuf wire = encoder.readOutbound();
        assertNull(encoder.readOutbound(), "one frame, one buffer");
        List<Frame> out = decoder.write(wire);
        assertEquals(1, out.size());
        return out.get(0);
    }

    static Stream<Arguments> controlMessages() {
        return Stream.of(
                control(new Messages.Hello(Messages.Role.CLIENT, "alice", "lobby", ""), m -> m.toFrame(), Messages.Hello::from),
                control(new Messages.Hello(Messages.Role.PEER, "Zo\u00eb \u6771\u4eac", "r\u00e4um", "token:\u00e9"),
                        m -> m.toFrame(), Messages.Hello::from),
                control(new Messages.Welcome(7, "lobby", Wire.DEFAULT_MAX_PAYLOAD, 4, "parley-relay"), m -> m.toFrame(),
                        Messages.Welcome::from),
                control(new Messages.Welcome(-2, "", Integer.MAX_VALUE, 65535, ""), m -> m.toFrame(), Messages.Welcome::from),
                control(new Messages.Error(ErrorCode.WRONG_ROLE, "this is a relay"), m -> m.toFrame(), Messages.Error::from),
                control(new Messages.Error(ErrorCode.INTERNAL, ""), m -> m.toFrame(), Messages.Error::from),
                control(new Messages.Joined(3, "carol"), m -> m.toFrame(), Messages.Joined::from),
                control(new Messages.Joined(0xfffffffe, "x"), m -> m.toFrame(), Messages.Joined::from),
                control(new Messages.Left(3, Messages.LeaveReason.TIMEOUT, "carol"), m -> m.toFrame(), Messages.Left::from),
                control(new Messages.Left(4, Messages.LeaveReason.PROTOCOL_ERROR, "dave"), m -> m.toFrame(), Messages.Left::from),
                control(new Messages.Received(0), m -> m.toFrame(), Messages.Received::from),
                control(new Messages.Received(0xffffffff), m -> m.toFrame(), Messages.Received::from),
                control(new Messages.Ping(WireExamples.T0), m -> m.toFrame(), Messages.Ping::from),
                control(new Messages.Ping(Long.MIN_VALUE), m -> m.toFrame(), Messages.Ping::from),
                control(new Messages.Pong(1, Long.MAX_VALUE, -1), m -> m.toFrame(), Messages.Pong::from),
                control(new Messages.Bye("quit"), m -> m.toFrame(), Messages.Bye::from),
                control(new Messages.Bye(""), m -> m.toFrame(), Messages.Bye::from),
                control(new Messages.KeyframeRequest(5, 9, 65535), m -> m.toFrame(), Messages.KeyframeRequest::from),
                control(new Messages.KeyframeRequest(0, 0xffffffff, 0), m -> m.toFrame(), Messages.KeyframeRequest::from));
    }

    private static <M> Arguments control(M message, Function<M, Frame> toFrame, Function<Frame, ?> from) {
        return Arguments.of(message, toFrame.apply(message), from);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("controlMessages")
    void everyControlMessageSurvivesEncodingAndDecoding(Object message, Frame frame, Function<Frame, ?> from) {
        MessageType type = frame.type();
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        ByteBuf payload = frame.payload();
        Frame decoded = roundTrip(frame, decoder);
        assertEquals(type, decoded.type());
        assertEquals(0, decoded.flags());
        assertEquals("", decoded.codec());
        assertEquals(message, from.apply(decoded));
        decoded.release();
        decoder.finishAndAssertClean();
        assertEquals(0, payload.refCnt(), "the encoder released the frame it wrote");
    }

    static Stream<Frame> mediaFrames() {
        return Stream.of(
                new Frame(MessageType.VIDEO, Wire.FLAG_KEYFRAME, 1, 0, 42, WireExamples.T0, "jpeg", bytes(1000)),
                new Frame(MessageType.VIDEO, 0, 65535, 0xffffffff, 0xffffffff, Long.MAX_VALUE, "h264;profile=42e01f", bytes(3)),
                new Frame(MessageType.AUDIO, 0, 2, 7, 7, WireExamples.T0, "pcm-s16le;rate=16000", bytes(640)),
                new Frame(MessageType.AUDIO, 0, 0, 0, Integer.MIN_VALUE, Long.MIN_VALUE, "x".repeat(32), bytes(1)),
                new Frame(MessageType.VIDEO, 0, 1, 1, 1, 0, "!~", Unpooled.EMPTY_BUFFER),
                Frame.text(0, 3, WireExamples.T0, "h\u00e9llo \ud83d\udc4b"),
                Frame.text(9, 0, -1, ""),
                Frame.text(0, 1, 1, "y".repeat(Wire.MAX_TEXT_BYTES)));
    }

    private static ByteBuf bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 31 + 7);
        return Unpooled.wrappedBuffer(b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mediaFrames")
    void everyMediaFrameKeepsAllItsHeaderFieldsAndItsPayload(Frame frame) {
        MessageType type = frame.type();
        int flags = frame.flags(), stream = frame.stream(), sender = frame.sender(), sequence = frame.sequence();
        long timestamp = frame.timestampMicros();
        String codec = frame.codec();
        byte[] payload = TestWire.payloadBytes(frame);
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();

        Frame decoded = roundTrip(frame, decoder);

        assertEquals(type, decoded.type());
        assertEquals(flags, decoded.flags());
        assertEquals(flags == Wire.FLAG_KEYFRAME, decoded.isKeyframe());
        assertEquals(stream, decoded.stream());
        assertEquals(sender, decoded.sender());
        assertEquals(sequence, decoded.sequence());
        assertEquals(timestamp, decoded.timestampMicros());
        assertEquals(codec, decoded.codec());
        assertArrayEquals(payload, TestWire.payloadBytes(decoded));
        decoded.release();
        decoder.finishAndAssertClean();
    }

    @Test
    void aTextFrameCarriesItsTextAsUtf8() {
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        Frame decoded = roundTrip(Frame.text(0, 1, 1, "gr\u00fc\u00df dich"), decoder);
        assertEquals("gr\u00fc\u00df dich", decoded.payload().toString(StandardCharsets.UTF_8));
        assertEquals(11, decoded.payload().readableBytes());
        decoded.release();
        decoder.finishAndAssertClean();
    }

    @Test
    void theEncoderSharesThePayloadInsteadOfCopyingIt() {
        ByteBuf payload = Unpooled.wrappedBuffer("abcdef".getBytes(StandardCharsets.US_ASCII));
        EmbeddedChannel encoder = new EmbeddedChannel(ParleyFrameEncoder.INSTANCE);
        encoder.writeOutbound(new Frame(MessageType.VIDEO, 0, 1, 0, 1, 1, "jpeg", payload));
        ByteBuf wire = encoder.readOutbound();

        assertInstanceOf(CompositeByteBuf.class, wire);
        assertEquals(1, payload.refCnt(), "the frame was released, the encoding holds the payload");
        payload.setByte(0, 'X');
        assertEquals('X', wire.getByte(Wire.HEADER_LENGTH + 4), "the encoding sees the payload's own memory");
        wire.release();
        assertEquals(0, payload.refCnt());
        encoder.finish();
    }

    @Test
    void theEncoderPassesReadyMadeBuffersThroughUntouchedForFanOut() {
        ByteBuf shared = Unpooled.wrappedBuffer(WireExamples.ALL.get(6).bytes());
        EmbeddedChannel first = new EmbeddedChannel(ParleyFrameEncoder.INSTANCE);
        EmbeddedChannel second = new EmbeddedChannel(ParleyFrameEncoder.INSTANCE);
        ByteBuf toFirst = shared.retainedDuplicate();
        ByteBuf toSecond = shared.retainedDuplicate();
        first.writeOutbound(toFirst);
        second.writeOutbound(toSecond);
        ByteBuf a = first.readOutbound();
        ByteBuf b = second.readOutbound();
        assertSame(toFirst, a);
        assertSame(toSecond, b);
        assertEquals(3, shared.refCnt(), "one encoding, shared by both receivers");
        a.release();
        b.release();
        shared.release();
        assertEquals(0, shared.refCnt());
        first.finish();
        second.finish();
    }

    @Test
    void theDecoderSharesTheInputBufferInsteadOfCopyingThePayload() {
        byte[] bytes = TestWire.encode(new Frame(MessageType.VIDEO, 0, 1, 0, 1, 1, "", Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        TestWire.DecoderHarness decoder = new TestWire.DecoderHarness();
        Frame frame = decoder.write(bytes).get(0);

        bytes[Wire.HEADER_LENGTH] = 9;
        assertEquals(9, frame.payload().getByte(frame.payload().readerIndex()), "payload is a view of the input");
        frame.release();
        decoder.finishAndAssertClean();
    }

    @Test
    void aFrameWithAnotherSenderSharesThePayload() {
        Frame original = new Frame(MessageType.AUDIO, 0, 2, 0, 5, 6, "pcm", Unpooled.wrappedBuffer(new byte[] {1, 2}));
        Frame stamped = original.withSender(4);
        assertEquals(4, stamped.sender());
        assertEquals(0, original.sender());
        assertEquals(2, original.payload().refCnt());
        original.payload().setByte(0, 7);
        assertEquals(7, stamped.payload().getByte(0));
        ByteBuf shared = original.payload();
        original.release();
        assertEquals(1, shared.refCnt(), "the stamped copy keeps the payload alive");
        stamped.release();
        assertEquals(0, shared.refCnt());
    }
}
