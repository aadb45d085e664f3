package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The writing side: {@link FrameCodec} and {@link ParleyFrameEncoder} never put a frame on the wire a receiver refuses. */
class FrameCodecTest {

    private static Frame video(String codec) {
        return new Frame(MessageType.VIDEO, 0, 1, 0, 1, 1, codec, Unpooled.wrappedBuffer(new byte[] {1}));
    }

    @Test
    void aCodecIdLongerThanThirtyTwoBytesIsNotWritten() {
        Frame f = video("x".repeat(33));
        assertThrows(IllegalArgumentException.class, () -> FrameCodec.encode(f, UnpooledByteBufAllocator.DEFAULT));
        assertEquals(1, f.refCnt(), "a refused frame still belongs to the caller");
        f.release();
    }

    /** Regression: a non-ASCII codec id used to be written with '?' in place of each foreign character. */
    @ParameterizedTest
    @ValueSource(strings = {"jp\u00e9g", "pcm s16le", "jpeg\n", "\u0000", "h264\u007f", "\u6771"})
    void aCodecIdOutsidePrintableAsciiIsNotWritten(String codec) {
        Frame f = video(codec);
        assertThrows(IllegalArgumentException.class, () -> FrameCodec.toBytes(f));
        f.release();
    }

    @Test
    void theEncoderChannelReportsARefusedFrameAndReleasesIt() {
        EmbeddedChannel encoder = new EmbeddedChannel(ParleyFrameEncoder.INSTANCE);
        Frame f = video("x".repeat(40));
        assertThrows(EncoderException.class, () -> encoder.writeOutbound(f));
        assertEquals(0, f.refCnt());
        assertFalse(encoder.finish());
    }

    @Test
    void aFrameWithoutPayloadIsJustTheHeaderAndCodec() {
        ByteBuf b = FrameCodec.encode(new Frame(MessageType.VIDEO, 0, 1, 0, 1, 1, "jpeg", Unpooled.EMPTY_BUFFER),
                UnpooledByteBufAllocator.DEFAULT);
        assertFalse(b instanceof CompositeByteBuf);
        assertEquals(Wire.HEADER_LENGTH + 4, b.readableBytes());
        assertEquals(0, b.getInt(24));
        b.release();
    }

    @Test
    void onlyTheReadablePartOfThePayloadIsWritten() {
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[] {9, 9, 1, 2, 3});
        payload.skipBytes(2);
        Frame f = new Frame(MessageType.AUDIO, 0, 2, 0, 1, 1, "", payload);
        byte[] bytes = FrameCodec.toBytes(f);
        assertEquals(Wire.HEADER_LENGTH + 3, bytes.length);
        assertEquals(3, bytes[27]);
        assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOfRange(bytes, 28, 31));
        assertEquals(2, payload.readerIndex(), "encoding does not move the frame's reader index");
        f.release();
    }

    @Test
    void encodingLeavesTheFrameToItsOwner() {
        Frame f = video("jpeg");
        ByteBuf b = FrameCodec.encode(f, UnpooledByteBufAllocator.DEFAULT);
        assertEquals(2, f.refCnt(), "the encoding holds its own reference");
        b.release();
        assertEquals(1, f.refCnt());
        f.release();
    }

    @Test
    void theSenderSitsAtItsDocumentedOffsetSoTheRelayCanStampIt() {
        byte[] bytes = FrameCodec.toBytes(Frame.control(MessageType.JOINED, 0x01020304, Unpooled.EMPTY_BUFFER));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, java.util.Arrays.copyOfRange(bytes, Wire.SENDER_OFFSET, Wire.SENDER_OFFSET + 4));
    }
}
