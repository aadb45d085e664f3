package dev.parley.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import dev.parley.protocol.Wire;
import dev.parley.relay.internal.WireClient.In;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A browser's view of the relay, without a browser: the JDK's WebSocket client on the web port, one Parley frame per
 * binary message each way. Messages and the close arrive on the client's thread and are queued for the test.
 */
final class WebClient implements WebSocket.Listener, AutoCloseable {
    /** What the relay said: a frame, or the WebSocket close (code and reason). */
    record Event(In frame, int closeCode, String closeReason) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    final WebSocket socket;
    Messages.Welcome welcome;

    private WebClient(HttpClient http, URI uri, String origin) throws Exception {
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (origin != null) b.header("Origin", origin);
        socket = b.buildAsync(uri, this).get(10, TimeUnit.SECONDS);
    }

    static WebClient connect(int port, String origin) throws Exception {
        return new WebClient(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + port + WebRequests.CALL_PATH), origin);
    }

    /** Over TLS, with {@code http} trusting the relay's self-signed certificate. */
    static WebClient connectSecure(HttpClient http, int port) throws Exception {
        return new WebClient(http, URI.create("wss://127.0.0.1:" + port + WebRequests.CALL_PATH), null);
    }

    /** HELLO, then WELCOME and the JOINED messages up to its own. */
    void hello(String name, String room) throws Exception {
        send(new Messages.Hello(Messages.Role.CLIENT, name, room, "").toFrame());
        In first = read();
        assertEquals(MessageType.WELCOME, first.type(), () -> "answer to HELLO: " + first);
        welcome = Messages.Welcome.from(first.frame());
        while (true) {
            In f = read();
            assertEquals(MessageType.JOINED, f.type(), () -> "after WELCOME: " + f);
            if (Messages.Joined.from(f.frame()).participant() == welcome.participant()) return;
        }
    }

    void send(Frame frame) throws Exception {
        byte[] bytes;
        try {
            bytes = FrameCodec.toBytes(frame);
        } finally {
            frame.release();
        }
        sendBinary(bytes);
    }

    void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
    }

    void sendVideo(int sequence, byte[] payload) throws Exception {
        send(new Frame(MessageType.VIDEO, Wire.FLAG_KEYFRAME, 0, 0, sequence, 1_000_000L + sequence, "jpeg",
                Unpooled.wrappedBuffer(payload)));
    }

    /** The next event: a frame, or the close. */
    Event next() throws InterruptedException {
        Event e = events.poll(WireClient.TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        assertNotNull(e, "nothing from the relay in time");
        return e;
    }

    In read() throws InterruptedException {
        Event e = next();
        assertNotNull(e.frame(), () -> "closed instead of a frame: " + e.closeCode() + " " + e.closeReason());
        return e.frame();
    }

    In readUntil(MessageType type) throws InterruptedException {
        while (true) {
            In f = read();
            if (f.type() == type) return f;
        }
    }

    /** The next event is the close; returns its code. */
    int readClose() throws InterruptedException {
        Event e = next();
        assertEquals(null, e.frame(), "expected the close");
        return e.closeCode();
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] part = new byte[data.remaining()];
        data.get(part);
        partial.writeBytes(part);
        if (last) {
            events.add(new Event(parse(partial.toByteArray()), 0, null));
            partial.reset();
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        events.add(new Event(null, statusCode, reason));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        events.add(new Event(null, -1, String.valueOf(error)));
    }

    /** One message must be exactly one frame. */
    private static In parse(byte[] m) {
        ByteBuffer b = ByteBuffer.wrap(m);
        assertEquals(Wire.MAGIC, b.getShort(0) & 0xffff, "magic");
        MessageType type = MessageType.fromCode(b.get(3) & 0xff);
        int codecLength = b.get(5) & 0xff;
        int length = b.getInt(24);
        assertEquals(Wire.HEADER_LENGTH + codecLength + length, m.length, "one frame per message");
        byte[] payload = new byte[length];
        System.arraycopy(m, Wire.HEADER_LENGTH + codecLength, payload, 0, length);
        return new In(type, b.get(4) & 0xff, b.getShort(6) & 0xffff, b.getInt(8), b.getInt(12), b.getLong(16),
                new String(m, Wire.HEADER_LENGTH, codecLength, StandardCharsets.US_ASCII), payload);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
