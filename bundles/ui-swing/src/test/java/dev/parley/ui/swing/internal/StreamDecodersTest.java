package dev.parley.ui.swing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.parley.common.RankedList;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.RawFrame;
import dev.parley.api.codec.VideoImage;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamDecodersTest {
    private final RankedList<FrameDecoder> decoders = new RankedList<>();
    private final StreamDecoders streams = new StreamDecoders(decoders, MediaKind.VIDEO);
    private final List<String> missing = new ArrayList<>();

    @Test
    void aStreamWithNoDecoderForItsCodecIsNamedAndSkipped() {
        assertNull(streams.decode(frame("h264;profile=main"), missing::add));
        assertEquals(List.of("h264"), missing);
    }

    @Test
    void aBetterRankedDecoderArrivingTakesOverAtTheNextFrame() {
        FakeDecoder plain = new FakeDecoder("jpeg");
        FakeDecoder fast = new FakeDecoder("jpeg");
        decoders.add(plain, Map.of("service.ranking", 0, "service.id", 1L));
        assertInstanceOf(VideoImage.class, streams.decode(frame("jpeg"), missing::add));
        decoders.add(fast, Map.of("service.ranking", 100, "service.id", 2L));
        streams.decode(frame("jpeg"), missing::add);
        assertEquals(1, plain.decoded);
        assertEquals(1, plain.closed);
        assertEquals(1, fast.decoded);
        decoders.remove(fast);
        streams.decode(frame("jpeg"), missing::add);
        assertEquals(2, plain.decoded);
        assertEquals(List.of(), missing);
    }

    @Test
    void aFrameTheDecoderRejectsIsSkippedAndTheStreamGoesOn() {
        FakeDecoder d = new FakeDecoder("jpeg");
        decoders.add(d, Map.of());
        d.rejectNext = true;
        assertNull(streams.decode(frame("jpeg"), missing::add));
        assertInstanceOf(VideoImage.class, streams.decode(frame("jpeg"), missing::add));
    }

    private static MediaFrame frame(String codec) {
        return MediaFrame.builder(MediaKind.VIDEO).sender(2).senderName("bob").codec(codec).payload(new byte[]{1}).build();
    }

    private static final class FakeDecoder implements FrameDecoder {
        private final String codec;
        int decoded;
        int closed;
        boolean rejectNext;

        FakeDecoder(String codec) {
            this.codec = codec;
        }

        @Override public String codec() { return codec; }

        @Override public MediaKind kind() { return MediaKind.VIDEO; }

        @Override
        public DecoderSession open(String codecId) {
            return new DecoderSession() {
                @Override
                public RawFrame decode(ByteBuffer payload) throws CodecException {
                    if (rejectNext) {
                        rejectNext = false;
                        throw new CodecException("corrupt");
                    }
                    decoded++;
                    return new VideoImage(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB));
                }

                @Override
                public void close() {
                    closed++;
                }
            };
        }
    }
}
