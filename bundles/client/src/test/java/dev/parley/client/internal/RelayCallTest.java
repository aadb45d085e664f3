package dev.parley.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.FrameListener;
import dev.parley.api.KeyframeListener;
import dev.parley.api.MediaBus;
import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.StreamKey;
import dev.parley.api.StreamStats;
import dev.parley.api.Subscription;
import dev.parley.api.call.CallState;
import dev.parley.api.call.ConnectOptions;
import dev.parley.protocol.BlockingWireClient;
import dev.parley.protocol.ClockEstimator;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Messages;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client side of the protocol, against a scripted relay on a real loopback socket. */
@Timeout(60)
class RelayCallTest {
    private EventLoopGroup group;
    private ServerSocket relay;
    private RelayCall call;
    private final RecordingBus bus = new RecordingBus();

    @BeforeEach
    void start() throws IOException {
        NettyTransport t = NettyTransport.best();
        group = t.newGroup(1, new DefaultThreadFactory("test-client", true));
        relay = new ServerSocket(0);
        relay.setSoTimeout(20_000);
        Bootstrap b = new Bootstrap().group(group).channel(t.socketChannel());
        call = new RelayCall(b, new ConnectOptions("127.0.0.1", relay.getLocalPort(), "alice", "lab",
                dev.parley.api.call.ConnectOptions.Security.PLAINTEXT), bus, new dev.parley.security.KnownRelays(null),
                CodecSupport.NONE).start();
    }

    @AfterEach
    void stop() throws IOException {
        call.leave();
        relay.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** Accepts the client's connection, checks its HELLO and welcomes it as participant {@code id}. */
    private ScriptedRelay accept(int id) throws IOException {
        Socket s = relay.accept();
        ScriptedRelay r = new ScriptedRelay(s);
        Frame hello = r.read();
        Messages.Hello h = Messages.Hello.from(hello);
        hello.release();
        assertEquals(Messages.Role.CLIENT, h.role());
        assertEquals("alice", h.name());
        assertEquals("lab", h.room());
        r.send(new Messages.Welcome(id, "lab", 8 << 20, 4, "scripted").toFrame());
        r.send(new Messages.Joined(id, "alice").toFrame());
        return r;
    }

    @Test
    void joiningFillsTheRosterAndTurnsTheCallConnected() throws Exception {
        try (ScriptedRelay r = accept(7)) {
            r.send(new Messages.Joined(8, "bob").toFrame());
            waitFor(() -> call.roster().size() == 2);
            assertEquals(CallState.CONNECTED, call.state());
            assertEquals(7, call.localId());
            assertTrue(call.roster().stream().anyMatch(p -> p.id() == 7 && p.self()));
            assertTrue(call.roster().stream().anyMatch(p -> p.id() == 8 && p.name().equals("bob") && !p.self()));
        }
    }

    @Test
    void remoteVideoReachesTheBusWithItsSendersNameAndIsAcknowledged() throws Exception {
        try (ScriptedRelay r = accept(1)) {
            r.send(new Messages.Joined(2, "bob").toFrame());
            for (int i = 0; i < 3; i++) {
                r.send(new Frame(MessageType.VIDEO, 1, 0, 2, i, ClockEstimator.nowMicros(), "jpeg",
                        Unpooled.wrappedBuffer(new byte[] {1, 2, (byte) i})));
            }
            Frame received = r.readUntil(f -> f.type() == MessageType.RECEIVED && Messages.Received.from(f).videoFrames() == 3);
            received.release();
            waitFor(() -> bus.published.stream().filter(f -> f.kind() == MediaKind.VIDEO).count() == 3);
            MediaFrame last = bus.published.stream().filter(f -> f.kind() == MediaKind.VIDEO).toList().get(2);
            assertEquals(2, last.sender());
            assertEquals("bob", last.senderName());
            assertEquals("jpeg", last.codec());
            assertTrue(last.isKeyframe());
            assertEquals(2, last.sequence());
        }
    }

    @Test
    void aChatLineIsSentAsTextAndKeptInTheHistory() throws Exception {
        try (ScriptedRelay r = accept(1)) {
            waitFor(() -> call.state() == CallState.CONNECTED);
            call.say("hello lab");
            Frame text = r.readUntil(f -> f.type() == MessageType.TEXT);
            assertEquals("hello lab", text.payload().toString(StandardCharsets.UTF_8));
            text.release();
            assertEquals("hello lab", call.history().get(0).text());
            assertTrue(call.history().get(0).self());
        }
    }

    @Test
    void linesSaidWhileDisconnectedAreSentOnceTheRelayIsBack() throws Exception {
        try (ScriptedRelay first = accept(1)) {
            waitFor(() -> call.state() == CallState.CONNECTED);
        }
        waitFor(() -> call.state() == CallState.RECONNECTING);
        call.say("are you there?");
        try (ScriptedRelay second = accept(2)) {
            Frame text = second.readUntil(f -> f.type() == MessageType.TEXT);
            assertEquals("are you there?", text.payload().toString(StandardCharsets.UTF_8));
            text.release();
            assertEquals(2, call.localId());
        }
    }

    @Test
    void aFatalErrorFromTheRelayStopsTheCallInsteadOfRetryingForever() throws Exception {
        Socket s = relay.accept();
        try (ScriptedRelay r = new ScriptedRelay(s)) {
            r.read().release();
            r.send(new Messages.Error(dev.parley.protocol.ErrorCode.WRONG_ROLE, "not a relay client").toFrame());
            waitFor(() -> call.state() == CallState.CLOSED);
        }
    }

    @Test
    void theClientAnswersPingsSoTheRelayCanEstimateItsClock() throws Exception {
        try (ScriptedRelay r = accept(1)) {
            r.send(new Messages.Ping(123_456L).toFrame());
            Frame pong = r.readUntil(f -> f.type() == MessageType.PONG);
            Messages.Pong p = Messages.Pong.from(pong);
            pong.release();
            assertEquals(123_456L, p.t1());
            assertTrue(p.t2() <= p.t3());
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("condition never met");
            Thread.sleep(10);
        }
    }

    /** The relay side of one connection, driven by the test. */
    private static final class ScriptedRelay implements AutoCloseable {
        private final Socket socket;
        private final BlockingWireClient wire;

        ScriptedRelay(Socket socket) throws IOException {
            this.socket = socket;
            this.wire = BlockingWireClient.over(socket);
        }

        void send(Frame f) throws IOException { wire.send(f); }

        Frame read() throws IOException { return wire.read(); }

        Frame readUntil(Predicate<Frame> match) throws IOException {
            while (true) {
                Frame f = wire.read();
                if (match.test(f)) return f;
                f.release();
            }
        }

        @Override
        public void close() throws IOException {
            wire.close();
        }
    }

    /** Records what is published; subscriptions never deliver. */
    private static final class RecordingBus implements MediaBus {
        final List<MediaFrame> published = new CopyOnWriteArrayList<>();

        @Override public void publish(MediaFrame frame) { published.add(frame); }

        @Override
        public Subscription subscribe(String name, Predicate<MediaFrame> filter, FrameListener listener) {
            return new Subscription() {
                @Override public String name() { return name; }
                @Override public long dropped() { return 0; }
                @Override public long delivered() { return 0; }
                @Override public void close() { }
            };
        }

        @Override public List<StreamStats> stats() { return List.of(); }
        @Override public StreamStats stats(StreamKey key) { return null; }
        @Override public AutoCloseable addKeyframeListener(KeyframeListener listener) { return () -> { }; }
    }
}
