package dev.parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The load generator's streaming reader against frames encoded by the protocol's own encoder. */
class FrameScannerTest {
    record Media(MessageType type, int sender, int sequence, int index, int payloadSequence, int length, boolean intact) {
    }

    static final class Recorder implements FrameScanner.Sink {
        final List<Media> media = new ArrayList<>();
        final List<MessageType> control = new ArrayList<>();
        final List<String> joined = new ArrayList<>();
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public void control(Frame frame) {
            control.add(frame.type());
            if (frame.type() == MessageType.JOINED) joined.add(Messages.Joined.from(frame).name());
            frame.release();
        }

        @Override
        public boolean media(MessageType type, int sender, int stream, int sequence, long timestampMicros, int index,
                             int payloadSequence, int length, boolean intact) {
            media.add(new Media(type, sender, sequence, index, payloadSequence, length, intact));
            return media.size() < stopAfter;
        }
    }

    /** A bench media frame as the relay forwards it: sender stamped, payload stamped by {@link BenchPayload}. */
    static byte[] frame(MessageType type, int sender, int index, int sequence, int size) {
        byte[] filler = BenchPayload.filler(size);
        ByteBuf payload = Unpooled.wrappedBuffer(filler);
        BenchPayload.stamp(payload, 0, size, index, sequence);
        return FrameCodec.toBytes(new Frame(type, 1, 1, sender, sequence, 1_000, "bench", payload));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** Feeds {@code bytes} in random pieces, as reads from a socket would come. */
    static void feedInPieces(FrameScanner scanner, byte[] bytes, long seed) {
        Random random = new Random(seed);
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(5000));
            ByteBuf piece = Unpooled.wrappedBuffer(bytes, at, n);
            assertTrue(scanner.feed(piece));
            assertFalse(piece.isReadable(), "every byte of the piece was read");
            at += n;
        }
    }

    @Test
    void mediaAndControlFramesInPiecesOfAnySizeAreReadIntact() {
        byte[] stream = concat(FrameCodec.toBytes(new Messages.Joined(7, "load-3").toFrame()),
                frame(MessageType.VIDEO, 7, 3, 41, 40_000), frame(MessageType.AUDIO, 7, 3, 9, 640),
                frame(MessageType.VIDEO, 7, 3, 42, 40_000), FrameCodec.toBytes(new Messages.Received(5).toFrame()),
                frame(MessageType.VIDEO, 8, 4, 0, 12));
        for (long seed = 0; seed < 20; seed++) {
            Recorder r = new Recorder();
            feedInPieces(new FrameScanner(r, 1 << 20), stream, seed);
            assertEquals(List.of(new Media(MessageType.VIDEO, 7, 41, 3, 41, 40_000, true),
                    new Media(MessageType.AUDIO, 7, 9, 3, 9, 640, true),
                    new Media(MessageType.VIDEO, 7, 42, 3, 42, 40_000, true),
                    new Media(MessageType.VIDEO, 8, 0, 4, 0, 12, true)), r.media);
            assertEquals(List.of(MessageType.JOINED, MessageType.RECEIVED), r.control);
            assertEquals(List.of("load-3"), r.joined);
        }
    }

    @Test
    void anotherFramesBytesSplicedIntoAPayloadAreFound() {
        byte[] a = frame(MessageType.VIDEO, 7, 3, 41, 40_000);
        byte[] b = frame(MessageType.VIDEO, 8, 4, 41, 40_000);
        System.arraycopy(b, 20_000, a, 20_000, 4_096);
        Recorder r = new Recorder();
        feedInPieces(new FrameScanner(r, 1 << 20), a, 1);
        assertFalse(r.media.get(0).intact());
    }

    @Test
    void aTailFromAnotherFrameIsFound() {
        byte[] a = frame(MessageType.VIDEO, 7, 3, 41, 40_000);
        byte[] b = frame(MessageType.VIDEO, 7, 3, 42, 40_000);
        System.arraycopy(b, b.length - 30, a, a.length - 30, 30);
        Recorder r = new Recorder();
        feedInPieces(new FrameScanner(r, 1 << 20), a, 2);
        assertFalse(r.media.get(0).intact());
    }

    @Test
    void aPayloadTooShortForTheBenchHeaderIsNotIntact() {
        byte[] shortFrame = FrameCodec.toBytes(new Frame(MessageType.VIDEO, 1, 1, 7, 0, 0, "x", Unpooled.wrappedBuffer(new byte[5])));
        Recorder r = new Recorder();
        feedInPieces(new FrameScanner(r, 1 << 20), shortFrame, 3);
        assertFalse(r.media.get(0).intact());
        assertEquals(-1, r.media.get(0).index());
    }

    @Test
    void aSinkThatStopsLeavesTheRestUnreadForLater() {
        byte[] stream = concat(frame(MessageType.VIDEO, 7, 3, 1, 1000), frame(MessageType.VIDEO, 7, 3, 2, 1000));
        Recorder r = new Recorder();
        r.stopAfter = 1;
        FrameScanner scanner = new FrameScanner(r, 1 << 20);
        ByteBuf in = Unpooled.wrappedBuffer(stream);
        assertFalse(scanner.feed(in));
        assertEquals(1, r.media.size());
        assertEquals(stream.length / 2, in.readableBytes(), "exactly the second frame is left");
        r.stopAfter = Integer.MAX_VALUE;
        assertTrue(scanner.feed(in));
        assertEquals(2, r.media.get(1).sequence());
        assertTrue(r.media.get(1).intact());
    }

    @Test
    void somethingThatIsNotParleyIsRefused() {
        FrameScanner scanner = new FrameScanner(new Recorder(), 1 << 20);
        assertThrows(IllegalStateException.class, () -> scanner.feed(Unpooled.wrappedBuffer(
                "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    }

    @Test
    void aPayloadLongerThanTheLimitIsRefusedFromItsHeader() {
        byte[] big = frame(MessageType.VIDEO, 7, 3, 1, 5000);
        FrameScanner scanner = new FrameScanner(new Recorder(), 4096);
        assertThrows(IllegalStateException.class, () -> scanner.feed(Unpooled.wrappedBuffer(big, 0, 28)));
    }

    @Test
    void namesCarryTheIndexAndTheKindOfReader() {
        assertEquals("load-12", LoadNames.name(12, Role.FAST));
        assertEquals("load-3-slow", LoadNames.name(3, Role.SLOW));
        assertEquals(3, LoadNames.indexOf("load-3-slow"));
        assertEquals(-1, LoadNames.indexOf("alice"));
        assertTrue(LoadNames.keepsUp("load-12"));
        assertFalse(LoadNames.keepsUp("load-4-stalled"));
    }
}
