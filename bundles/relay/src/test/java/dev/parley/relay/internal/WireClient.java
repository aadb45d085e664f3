package dev.parley.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import dev.parley.protocol.Wire;
import io.netty.buffer.Unpooled;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately simple blocking client for the relay tests: a plain {@link Socket}, frames read field by field as
 * {@link Wire} documents them, frames written with {@link FrameCodec#toBytes}. Writes are synchronised so a reader
 * thread can acknowledge while another thread sends media. The socket timeout is only a guard against hanging tests.
 */
final class WireClient implements AutoCloseable {
    static final int TIMEOUT_MILLIS = 10_000;

    /** One frame as read off the wire, payload copied out. */
    record In(MessageType type, int flags, int stream, int sender, int sequence, long timestampMicros, String codec,
              byte[] payload) {
        /** A protocol {@link Frame} over the payload, for the {@code Messages.X.from} readers (heap, no release needed). */
        Frame frame() {
            return new Frame(type, flags, stream, sender, sequence, timestampMicros, codec, Unpooled.wrappedBuffer(payload));
        }

        String text() {
            assertEquals(MessageType.TEXT, type);
            return new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return type + "[sender=" + sender + " stream=" + stream + " seq=" + sequence + " codec=" + codec
                    + " bytes=" + payload.length + "]";
        }
    }

    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    /** Frames {@link #readUntil} passed over on its last call. */
    List<In> skipped = new ArrayList<>();
    Messages.Welcome welcome;
    /** VIDEO frames read so far: the count RECEIVED reports. */
    int videoReceived;

    private WireClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        this.out = socket.getOutputStream();
    }

    static WireClient connect(int port) throws IOException {
        return connect(port, 0);
    }

    /** @param receiveBuffer socket receive buffer in bytes, or 0 for the system's choice */
    static WireClient connect(int port, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) s.setReceiveBufferSize(receiveBuffer);
        s.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        return new WireClient(s);
    }

    /** Connects, says HELLO and reads WELCOME and the JOINED messages up to its own. */
    static WireClient join(int port, String name, String room) throws IOException {
        WireClient c = connect(port);
        c.hello(name, room);
        return c;
    }

    int id() { return welcome.participant(); }

    /**
     * Sends HELLO, reads WELCOME, then the JOINED messages for those already present and finally its own.
     *
     * @return the JOINED messages for members that were already in the room, in order
     */
    List<Messages.Joined> hello(String name, String room) throws IOException {
        send(new Messages.Hello(Messages.Role.CLIENT, name, room, "").toFrame());
        In first = read();
        assertEquals(MessageType.WELCOME, first.type(), () -> "answer to HELLO: " + first);
        welcome = Messages.Welcome.from(first.frame());
        List<Messages.Joined> others = new ArrayList<>();
        while (true) {
            In f = read();
            assertEquals(MessageType.JOINED, f.type(), () -> "after WELCOME only JOINED may come before our own: " + f);
            Messages.Joined j = Messages.Joined.from(f.frame());
            if (j.participant() == id()) {
                assertEquals(name, j.name());
                return others;
            }
            others.add(j);
        }
    }

    // ---- writing ----

    /** Writes a frame and releases it. */
    void send(Frame frame) throws IOException {
        byte[] bytes;
        try {
            bytes = FrameCodec.toBytes(frame);
        } finally {
            frame.release();
        }
        sendRaw(bytes);
    }

    synchronized void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendText(int sequence, String text) throws IOException {
        // A sender number of our own choosing: the relay must overwrite it.
        send(new Frame(MessageType.TEXT, 0, 0, 999_999, sequence, 0, "", Unpooled.wrappedBuffer(
                text.getBytes(StandardCharsets.UTF_8))));
    }

    void sendVideo(int sequence, byte[] payload) throws IOException {
        sendVideo(0, sequence, payload);
    }

    void sendVideo(int stream, int sequence, byte[] payload) throws IOException {
        send(new Frame(MessageType.VIDEO, Wire.FLAG_KEYFRAME, stream, 0, sequence, 1_000_000L + sequence, "jpeg",
                Unpooled.wrappedBuffer(payload)));
    }

    void sendAudio(int sequence, byte[] payload) throws IOException {
        send(new Frame(MessageType.AUDIO, 0, 1, 0, sequence, 2_000_000L + sequence, "pcm-s16le;rate=16000",
                Unpooled.wrappedBuffer(payload)));
    }

    void sendReceived(int count) throws IOException {
        send(new Messages.Received(count).toFrame());
    }

    /** Reports every VIDEO frame read so far. */
    void acknowledgeAll() throws IOException {
        sendReceived(videoReceived);
    }

    // ---- reading ----

    /** Reads one frame, checking magic and version; EOFException if the relay closed the connection. */
    In read() throws IOException {
        byte[] h = new byte[Wire.HEADER_LENGTH];
        in.readFully(h);
        ByteBuffer b = ByteBuffer.wrap(h);
        int magic = b.getShort(0) & 0xffff;
        if (magic != Wire.MAGIC) fail(String.format("bad magic 0x%04x in a frame from the relay", magic));
        assertEquals(Wire.VERSION, b.get(2) & 0xff, "version of a frame from the relay");
        MessageType type = MessageType.fromCode(b.get(3) & 0xff);
        assertNotNull(type, () -> "unknown type code " + (b.get(3) & 0xff));
        int flags = b.get(4) & 0xff;
        int codecLength = b.get(5) & 0xff;
        assertTrue(codecLength <= Wire.MAX_CODEC_LENGTH, "codec length " + codecLength);
        int stream = b.getShort(6) & 0xffff;
        int sender = b.getInt(8);
        int sequence = b.getInt(12);
        long timestamp = b.getLong(16);
        long length = b.getInt(24) & 0xffffffffL;
        assertTrue(length <= Wire.DEFAULT_MAX_PAYLOAD, "payload length " + length);
        byte[] codec = new byte[codecLength];
        in.readFully(codec);
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (type == MessageType.VIDEO) videoReceived++;
        return new In(type, flags, stream, sender, sequence, timestamp, new String(codec, StandardCharsets.US_ASCII),
                payload);
    }

    /** Reads until a frame of {@code type}, keeping the frames passed over in {@link #skipped}. */
    In readUntil(MessageType type) throws IOException {
        skipped = new ArrayList<>();
        while (true) {
            In f = read();
            if (f.type() == type) return f;
            skipped.add(f);
        }
    }

    /** Reads until a TEXT frame with exactly this text, keeping the frames passed over in {@link #skipped}. */
    In readUntilText(String text) throws IOException {
        List<In> passed = new ArrayList<>();
        while (true) {
            In f = readUntil(MessageType.TEXT);
            passed.addAll(skipped);
            if (f.text().equals(text)) {
                skipped = passed;
                return f;
            }
            passed.add(f);
        }
    }

    /** Reads an ERROR, which must be the next frame. */
    Messages.Error readError() throws IOException {
        In f = read();
        assertEquals(MessageType.ERROR, f.type(), () -> "expected ERROR, got " + f);
        assertEquals(0, f.sender(), "ERROR comes from the relay (sender 0)");
        return Messages.Error.from(f.frame());
    }

    /** Asserts that the relay has closed the connection: the next read is end of stream, with nothing before it. */
    void assertClosedByRelay() throws IOException {
        int b = in.read();
        assertEquals(-1, b, "the relay should have closed the connection, but sent more bytes");
    }

    /** Reads until end of stream, discarding frames; fails if the guard timeout passes first. */
    void drainUntilClosed() throws IOException {
        try {
            while (true) read();
        } catch (EOFException expected) {
            // closed
        }
    }

    /** Closes without BYE: an orderly TCP close (FIN), as when a process exits. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Closes with a TCP reset, as when a machine drops off the network uncleanly. */
    void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }
}
