package dev.parley.bench.load;

import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Reads the relay's byte stream as it arrives, without gathering media payloads: each media frame is checked
 * against {@link BenchPayload} while its bytes go past, so the load generator touches a few hundred bytes of a
 * 40 KB frame and copies none. Control messages and TEXT, which are small, are gathered and handed over whole.
 *
 * <p>This is the one place Parley reads frames without {@code ParleyFrameDecoder}: the decoder gathers each payload
 * into one buffer, which is right for a participant and would make the load generator spend as much as the relay
 * on copying, so the bench would measure itself.
 */
final class FrameScanner {
    /** Where complete frames go. */
    interface Sink {
        /** A control message or TEXT frame; the frame is the sink's to release. */
        void control(Frame frame);

        /**
         * A media frame went past.
         *
         * @param index  the sender index written in the payload (-1 if the payload was too short to hold one)
         * @param intact every checked byte matched the frame the payload says it is
         * @return false to stop reading after this frame (a slow reader has spent its budget)
         */
        boolean media(MessageType type, int sender, int stream, int sequence, long timestampMicros, int index,
                      int payloadSequence, int length, boolean intact);
    }

    private final Sink sink;
    private final int maxPayload;
    private final byte[] header = new byte[Wire.HEADER_LENGTH];
    private int headerFill;
    private MessageType type;
    private int flags;
    private int stream;
    private int sender;
    private int sequence;
    private long timestamp;
    private int length;
    private int codecLeft;
    private int codecLength;
    // A media payload streaming past.
    private int position;
    private final byte[] head = new byte[BenchPayload.HEAD];
    private int index;
    private int payloadSequence;
    private boolean intact;
    // A control payload being gathered.
    private byte[] gathered;
    private int gatheredFill;

    FrameScanner(Sink sink, int maxPayload) {
        this.sink = sink;
        this.maxPayload = maxPayload;
    }

    /**
     * Reads from {@code in} until it is empty or the sink asks to stop; the rest stays readable in {@code in}.
     *
     * @return false when the sink asked to stop
     * @throws IllegalStateException when the stream is not Parley frames
     */
    boolean feed(ByteBuf in) {
        while (in.isReadable()) {
            if (headerFill < Wire.HEADER_LENGTH) {
                int n = Math.min(Wire.HEADER_LENGTH - headerFill, in.readableBytes());
                in.readBytes(header, headerFill, n);
                headerFill += n;
                if (headerFill < Wire.HEADER_LENGTH) return true;
                begin();
                if (codecLeft == 0 && length == 0 && !finish()) return false;
                continue;
            }
            if (gathered != null) {
                int n = Math.min(gathered.length - gatheredFill, in.readableBytes());
                in.readBytes(gathered, gatheredFill, n);
                gatheredFill += n;
                if (gatheredFill == gathered.length && !finish()) return false;
                continue;
            }
            if (codecLeft > 0) {
                int n = Math.min(codecLeft, in.readableBytes());
                in.skipBytes(n);
                codecLeft -= n;
                if (codecLeft == 0 && length == 0 && !finish()) return false;
                continue;
            }
            int n = Math.min(length - position, in.readableBytes());
            scan(in, in.readerIndex(), n);
            in.skipBytes(n);
            position += n;
            if (position == length && !finish()) return false;
        }
        return true;
    }

    private void begin() {
        int magic = ((header[0] & 0xff) << 8) | (header[1] & 0xff);
        if (magic != Wire.MAGIC || header[2] != Wire.VERSION) throw new IllegalStateException("not a Parley version 1 stream");
        type = MessageType.fromCode(header[3] & 0xff);
        if (type == null) throw new IllegalStateException("unknown message type " + (header[3] & 0xff));
        flags = header[4] & 0xff;
        codecLength = header[5] & 0xff;
        stream = ((header[6] & 0xff) << 8) | (header[7] & 0xff);
        sender = intAt(8);
        sequence = intAt(12);
        timestamp = ((long) intAt(16) << 32) | (intAt(20) & 0xffffffffL);
        length = intAt(24);
        if (length < 0 || length > maxPayload) throw new IllegalStateException("payload of " + (length & 0xffffffffL) + " bytes");
        position = 0;
        boolean media = type == MessageType.VIDEO || type == MessageType.AUDIO;
        if (media) {
            codecLeft = codecLength;
            gathered = null;
            intact = length >= BenchPayload.HEAD;
            index = -1;
        } else {
            codecLeft = 0;
            gathered = new byte[codecLength + length];
            gatheredFill = 0;
        }
    }

    /** Checks the payload bytes {@code [position, position + n)}, found at {@code at} in {@code in}. */
    private void scan(ByteBuf in, int at, int n) {
        int end = position + n;
        for (int p = position; p < Math.min(end, BenchPayload.HEAD); p++) {
            head[p] = in.getByte(at + p - position);
            if (p == BenchPayload.HEAD - 1) {
                index = intOf(head, 0);
                payloadSequence = intOf(head, 4);
                if (intOf(head, 8) != length) intact = false;
            }
        }
        if (!intact || end <= BenchPayload.HEAD) return;
        int tail = length - BenchPayload.TAIL;
        for (int p = BenchPayload.nextStride(position); p < Math.min(end, tail); p += BenchPayload.STRIDE) {
            if (in.getByte(at + p - position) != BenchPayload.expected(index, payloadSequence, p)) {
                intact = false;
                return;
            }
        }
        for (int p = Math.max(Math.max(position, tail), BenchPayload.HEAD); p < end; p++) {
            if (in.getByte(at + p - position) != BenchPayload.expected(index, payloadSequence, p)) {
                intact = false;
                return;
            }
        }
    }

    /** The frame is complete: hand it over and get ready for the next header. */
    private boolean finish() {
        headerFill = 0;
        if (gathered == null) {
            return sink.media(type, sender, stream, sequence, timestamp, index, payloadSequence, length, intact);
        }
        byte[] bytes = gathered;
        gathered = null;
        String codec = new String(bytes, 0, codecLength, StandardCharsets.US_ASCII);
        sink.control(new Frame(type, flags, stream, sender, sequence, timestamp, codec,
                Unpooled.wrappedBuffer(bytes, codecLength, length)));
        return true;
    }

    private int intAt(int at) {
        return intOf(header, at);
    }

    private static int intOf(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
