package dev.parley.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.FrameListener;
import dev.parley.api.KeyframeListener;
import dev.parley.api.MediaBus;
import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.StreamKey;
import dev.parley.api.StreamStats;
import dev.parley.api.Subscription;
import dev.parley.api.call.CallListener;
import dev.parley.api.call.ChatMessage;
import dev.parley.api.call.Participant;
import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import dev.parley.protocol.Wire;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The call core on an in-memory channel: what both transports rely on. */
class CallCoreTest {
    /** A transport that does nothing but hand the core its session. */
    private static final class TestCall extends CallCore {
        final int sender;
        boolean transportClosed;

        TestCall(MediaBus bus, WireClock clock, int sender) {
            super(bus, "test", clock, MediaProtection.NONE);
            this.sender = sender;
        }

        @Override protected int senderField() { return sender; }
        @Override protected void closeTransport() { transportClosed = true; }
        @Override public String name() { return "alice"; }
        @Override public String room() { return "lab"; }
        @Override public int localId() { return 7; }

        void start(EmbeddedChannel ch) { sessionStarted(ch, 4); }
        boolean take(EmbeddedChannel ch, Frame f) { return handle(ch, f); }
        void someoneJoined(Participant p) { joined(p); }
        void end(EmbeddedChannel ch) { sessionEnded(ch); }
    }

    private static final class Bus implements MediaBus {
        final List<MediaFrame> published = new CopyOnWriteArrayList<>();
        FrameListener sender;

        @Override public void publish(MediaFrame frame) { published.add(frame); }

        @Override
        public Subscription subscribe(String name, Predicate<MediaFrame> filter, FrameListener listener) {
            sender = listener;
            return new Subscription() {
                @Override public String name() { return name; }
                @Override public long dropped() { return 0; }
                @Override public long delivered() { return 0; }
                @Override public void close() { sender = null; }
            };
        }

        @Override public List<StreamStats> stats() { return List.of(); }
        @Override public StreamStats stats(StreamKey key) { return null; }
        @Override public AutoCloseable addKeyframeListener(KeyframeListener listener) { return () -> { }; }
    }

    private final Bus bus = new Bus();

    /** Control frames written, by type, releasing everything read. */
    private static List<Frame> written(EmbeddedChannel ch) {
        ch.runPendingTasks();
        List<Frame> out = new ArrayList<>();
        for (Frame f; (f = ch.readOutbound()) != null; ) out.add(f);
        return out;
    }

    private static List<Frame> ofType(List<Frame> frames, MessageType type) {
        return frames.stream().filter(f -> f.type() == type).toList();
    }

    private static Frame video(int sender, int sequence, long timestamp) {
        return new Frame(MessageType.VIDEO, Wire.FLAG_KEYFRAME, 3, sender, sequence, timestamp, "jpeg",
                Unpooled.wrappedBuffer(new byte[] {1, 2, 3}));
    }

    @Test
    void videoReadIsPublishedAndAcknowledgedOncePerReadBatch() {
        TestCall call = new TestCall(bus, CallCore.WireClock.SENDER, 1);
        EmbeddedChannel ch = new EmbeddedChannel();
        call.start(ch);
        call.someoneJoined(new Participant(2, "bob", false));
        for (int seq = 0; seq < 3; seq++) assertTrue(call.take(ch, video(2, seq, 1_000 + seq)));
        call.readComplete(ch);
        call.readComplete(ch); // nothing new read: nothing more to say
        List<Frame> acks = ofType(written(ch), MessageType.RECEIVED);
        assertEquals(1, acks.size());
        assertEquals(3, Messages.Received.from(acks.get(0)).videoFrames());
        MediaFrame last = bus.published.get(2);
        assertEquals(MediaKind.VIDEO, last.kind());
        assertEquals(2, last.sender());
        assertEquals("bob", last.senderName());
        assertEquals(3, last.stream());
        assertEquals(2, last.sequence());
        assertTrue(last.isKeyframe());
        assertEquals("jpeg", last.codec());
        ch.finishAndReleaseAll();
    }

    @Test
    void linesSaidWithoutASessionWaitAndGoFirstWhenOneStarts() {
        TestCall call = new TestCall(bus, CallCore.WireClock.SENDER, 1);
        List<ChatMessage> heard = new ArrayList<>();
        call.addListener(new CallListener() {
            @Override public void chat(ChatMessage m) { heard.add(m); }
        });
        for (int i = 0; i < CallCore.PENDING_TEXT + 5; i++) call.say("line " + i);
        assertEquals(List.of(), call.history(), "nothing said yet");
        EmbeddedChannel ch = new EmbeddedChannel();
        call.start(ch);
        List<Frame> texts = ofType(written(ch), MessageType.TEXT);
        assertEquals(CallCore.PENDING_TEXT, texts.size(), "the oldest beyond the limit were given up");
        assertEquals("line 5", texts.get(0).payload().toString(StandardCharsets.UTF_8));
        assertEquals(1, texts.get(0).sender(), "the transport's sender field");
        assertEquals(CallCore.PENDING_TEXT, heard.size());
        assertTrue(heard.get(0).self());
        ch.finishAndReleaseAll();
    }

    @Test
    void aLineTooLongIsRefusedWithTheLimitInTheMessage() {
        TestCall call = new TestCall(bus, CallCore.WireClock.SENDER, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> call.say("x".repeat(Wire.MAX_TEXT_BYTES + 1)));
        assertTrue(e.getMessage().contains(String.valueOf(Wire.MAX_TEXT_BYTES)), e.getMessage());
    }

    @Test
    void localFramesGoOutWithTheSendersClockOrTheOtherEndsAsTheTransportSays() {
        for (CallCore.WireClock clock : CallCore.WireClock.values()) {
            TestCall call = new TestCall(bus, clock, 0);
            EmbeddedChannel ch = new EmbeddedChannel();
            call.start(ch);
            written(ch).forEach(Frame::release);
            // The other end's clock runs 5 s ahead of ours, as its PONG says.
            long now = dev.parley.protocol.ClockEstimator.nowMicros();
            call.take(ch, new Messages.Pong(now, now + 5_000_000, now + 5_000_000).toFrame());
            bus.sender.onFrame(MediaFrame.builder(MediaKind.AUDIO).stream(1).sequence(9).captureMicros(1_000_000_000L)
                    .codec("pcm").payload(new byte[] {4, 5}).build());
            Frame sent = ofType(written(ch), MessageType.AUDIO).get(0);
            long expected = clock == CallCore.WireClock.SENDER ? 1_000_000_000L : 1_000_000_000L + 5_000_000;
            // The estimate is off by half the PING's round trip, which a busy machine can stretch to any length: a
            // second of tolerance still tells the two clocks, 5 s apart, firmly apart.
            assertEquals(expected, sent.timestampMicros(), 1_000_000, clock.toString());
            assertEquals(9, sent.sequence());
            sent.release();
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void videoSentIsWindowedUntilTheOtherSideAcknowledgesIt() {
        TestCall call = new TestCall(bus, CallCore.WireClock.SENDER, 1);
        EmbeddedChannel ch = new EmbeddedChannel();
        call.start(ch);
        for (int seq = 0; seq < 10; seq++) {
            bus.sender.onFrame(MediaFrame.builder(MediaKind.VIDEO).sequence(seq).codec("jpeg").payload(new byte[10]).build());
            // One capture at a time, as on a real event loop (an EmbeddedChannel runs queued tasks inside a flush).
            ch.runPendingTasks();
        }
        List<Frame> first = ofType(written(ch), MessageType.VIDEO);
        assertEquals(List.of(0, 1, 2, 3), first.stream().map(Frame::sequence).toList());
        call.take(ch, new Messages.Received(4).toFrame());
        List<Frame> then = ofType(written(ch), MessageType.VIDEO);
        assertEquals(List.of(9), then.stream().map(Frame::sequence).toList(), "the newest, not the backlog");
        first.forEach(Frame::release);
        then.forEach(Frame::release);
        ch.finishAndReleaseAll();
    }

    @Test
    void framesOfOtherTypesAreTheTransports() {
        TestCall call = new TestCall(bus, CallCore.WireClock.SENDER, 1);
        EmbeddedChannel ch = new EmbeddedChannel();
        call.start(ch);
        Frame joined = new Messages.Joined(3, "carol").toFrame();
        assertEquals(false, call.take(ch, joined));
        joined.release();
        ch.finishAndReleaseAll();
    }

    @Test
    void leavingSaysByeClosesTheTransportAndStopsSending() {
        TestCall call = new TestCall(bus, CallCore.WireClock.SENDER, 1);
        EmbeddedChannel ch = new EmbeddedChannel();
        call.start(ch);
        written(ch).forEach(Frame::release);
        call.leave();
        List<Frame> out = written(ch);
        assertEquals(MessageType.BYE, out.get(out.size() - 1).type());
        out.forEach(Frame::release);
        assertTrue(call.transportClosed);
        assertNull(bus.sender, "the bus subscription is closed");
        call.leave(); // twice is harmless
        ch.finishAndReleaseAll();
    }
}
