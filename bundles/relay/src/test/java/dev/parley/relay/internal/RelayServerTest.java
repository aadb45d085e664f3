package dev.parley.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.api.call.RelayStatus.MemberStats;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import dev.parley.protocol.Wire;
import dev.parley.relay.internal.WireClient.In;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay as a client sees it: a real {@link RelayServer} on 127.0.0.1 and plain blocking sockets speaking the
 * wire protocol byte by byte. Nothing here measures time; socket timeouts and {@link Timeout} only stop a broken
 * relay from hanging the build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RelayServerTest {
    private static final String ROOM = "lobby";

    static {
        LeakWatch.install();
    }

    private RelayServer relay;
    private final List<RelayServer> extraRelays = new ArrayList<>();
    private final List<WireClient> clients = new ArrayList<>();

    @BeforeEach
    void startRelay() throws InterruptedException {
        relay = new RelayServer(RelaySettings.defaults("127.0.0.1", 0)).start();
    }

    @AfterEach
    void stopRelay() throws IOException {
        for (WireClient c : clients) c.close();
        for (RelayServer r : extraRelays) r.close();
        if (relay != null) relay.close();
    }

    @AfterAll
    static void noBufferLeaked() throws InterruptedException {
        assertEquals(List.of(), LeakWatch.collect(), "Netty buffers leaked (reference counting mistake)");
    }

    // ---------------------------------------------------------------- helpers

    private WireClient join(String name) throws IOException {
        return join(relay, name, ROOM);
    }

    private WireClient join(RelayServer server, String name, String room) throws IOException {
        WireClient c = connect(server);
        c.hello(name, room);
        return c;
    }

    private WireClient connect(RelayServer server) throws IOException {
        WireClient c = WireClient.connect(server.port());
        clients.add(c);
        return c;
    }

    /** Deterministic video payload for (sender, sequence): 20 to 60 KB, its first 8 bytes name its origin. */
    static byte[] payload(int sender, int sequence) {
        long x = mix(((long) sender << 32) ^ (sequence & 0xffffffffL));
        return payload(sender, sequence, 20_000 + (int) Long.remainderUnsigned(x, 40_001));
    }

    static byte[] payload(int sender, int sequence, int length) {
        byte[] b = new byte[length];
        long x = mix(((long) sequence << 32) ^ (sender & 0xffffffffL) ^ 0x5DEECE66DL);
        for (int i = 0; i < length; i++) {
            if ((i & 7) == 0) x = x * 6364136223846793005L + 1442695040888963407L;
            b[i] = (byte) (x >>> ((i & 7) * 8));
        }
        ByteBuffer.wrap(b).putInt(sender).putInt(sequence);
        return b;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static void assertPayload(byte[] expected, In frame) {
        int at = Arrays.mismatch(expected, frame.payload());
        if (at >= 0) {
            ByteBuffer p = ByteBuffer.wrap(frame.payload());
            fail(frame + ": payload differs from the one sent at byte " + at + " of " + expected.length
                    + (frame.payload().length >= 8 ? " (its first bytes say sender " + p.getInt(0) + " seq " + p.getInt(4) + ")" : ""));
        }
    }

    private MemberStats stats(RelayServer server, int id) {
        return server.members().stream().filter(m -> m.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("participant " + id + " is not a member of the relay"));
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("never happened: " + what);
            Thread.sleep(5);
        }
    }

    private static List<Integer> sequencesOf(List<In> frames, MessageType type) {
        return frames.stream().filter(f -> f.type() == type).map(In::sequence).toList();
    }

    /**
     * Both clients can still talk to each other, and neither saw anyone but the two of them come or go: the frames
     * passed over on the way hold no LEFT at all and no JOINED for a third participant.
     */
    private static void assertPairStillTalks(WireClient a, WireClient b, String tag) throws IOException {
        a.sendText(1, tag + " from a");
        In atB = b.readUntilText(tag + " from a");
        assertEquals(a.id(), atB.sender());
        assertOnlyThePair(b.skipped, a, b);
        b.sendText(1, tag + " from b");
        In atA = a.readUntilText(tag + " from b");
        assertEquals(b.id(), atA.sender());
        assertOnlyThePair(a.skipped, a, b);
    }

    private static void assertOnlyThePair(List<In> frames, WireClient a, WireClient b) {
        for (In f : frames) {
            assertNotEquals(MessageType.LEFT, f.type(), () -> "nobody left, yet the relay sent " + f);
            if (f.type() == MessageType.JOINED) {
                assertTrue(f.sender() == a.id() || f.sender() == b.id(), () -> "a stranger joined: " + f);
            }
        }
    }

    // ---------------------------------------------------------------- handshake

    @Test
    void helloIsAnsweredWithWelcomeThenTheRosterAndEveryoneHearsOfTheNewcomer() throws IOException {
        WireClient alice = connect(relay);
        List<Messages.Joined> beforeAlice = alice.hello("alice", ROOM);
        assertTrue(alice.id() >= 1, "participant numbers start at 1, got " + alice.id());
        assertEquals(ROOM, alice.welcome.room());
        assertEquals(Wire.DEFAULT_MAX_PAYLOAD, alice.welcome.maxPayload());
        assertEquals(4, alice.welcome.videoWindow());
        assertEquals(RelayServer.SERVER_NAME, alice.welcome.server());
        assertEquals(List.of(), beforeAlice, "the first member finds the room empty");

        WireClient bob = connect(relay);
        List<Messages.Joined> beforeBob = bob.hello("bob", ROOM);
        assertNotEquals(alice.id(), bob.id());
        assertEquals(List.of(new Messages.Joined(alice.id(), "alice")), beforeBob);
        assertEquals(new Messages.Joined(bob.id(), "bob"), Messages.Joined.from(alice.read().frame()));

        WireClient carol = connect(relay);
        List<Messages.Joined> beforeCarol = carol.hello("carol", ROOM);
        assertEquals(List.of(new Messages.Joined(alice.id(), "alice"), new Messages.Joined(bob.id(), "bob")), beforeCarol);
        assertEquals(new Messages.Joined(carol.id(), "carol"), Messages.Joined.from(alice.read().frame()));
        assertEquals(new Messages.Joined(carol.id(), "carol"), Messages.Joined.from(bob.read().frame()));
        assertEquals(3, relay.members().size());
    }

    @Test
    void welcomeCarriesTheConfiguredPayloadLimitAndVideoWindow() throws Exception {
        RelaySettings custom = RelaySettings.defaults("127.0.0.1", 0).with("maxPayload", 1_000_000).with("videoWindow", 7);
        RelayServer other = new RelayServer(custom).start();
        extraRelays.add(other);
        WireClient alice = join(other, "alice", "elsewhere");
        assertEquals("elsewhere", alice.welcome.room());
        assertEquals(1_000_000, alice.welcome.maxPayload());
        assertEquals(7, alice.welcome.videoWindow());
    }

    // ---------------------------------------------------------------- fan-out

    @Test
    void textReachesEveryOtherMemberInOrderStampedWithTheSenderAndNeverComesBack() throws IOException {
        WireClient alice = join("alice");
        WireClient bob = join("bob");
        WireClient carol = join("carol");
        for (int i = 0; i < 200; i++) alice.sendText(i, "line " + i + " \u00e9\u6771");
        for (WireClient receiver : List.of(bob, carol)) {
            for (int i = 0; i < 200; i++) {
                In f = receiver.readUntil(MessageType.TEXT);
                assertEquals("line " + i + " \u00e9\u6771", f.text());
                assertEquals(alice.id(), f.sender(), "the relay stamps the sender, whatever the client wrote there");
                assertEquals(i, f.sequence());
            }
        }
        bob.sendText(0, "bob here");
        // Had the relay echoed alice's lines, they would sit in her socket ahead of bob's answer.
        In first = alice.readUntil(MessageType.TEXT);
        assertEquals("bob here", first.text());
        assertEquals(bob.id(), first.sender());
        assertEquals("bob here", carol.readUntil(MessageType.TEXT).text());
    }

    @Test
    void textStaysInsideItsRoom() throws IOException {
        WireClient alice = join(relay, "alice", "a");
        WireClient bob = join(relay, "bob", "a");
        WireClient eve = join(relay, "eve", "b");
        WireClient dave = join(relay, "dave", "b");
        alice.sendText(0, "secret");
        assertEquals("secret", bob.readUntil(MessageType.TEXT).text());
        dave.sendText(0, "room b only");
        In f = eve.readUntil(MessageType.TEXT);
        assertEquals("room b only", f.text(), "eve in room b must not get room a's text");
        for (In skipped : eve.skipped) {
            assertTrue(skipped.type() == MessageType.JOINED && skipped.sender() == dave.id(), () -> "unexpected " + skipped);
        }
    }

    @Test
    void videoAndAudioReachEveryOtherMemberWithHeaderAndPayloadIntact() throws IOException {
        WireClient alice = join("alice");
        WireClient bob = join("bob");
        WireClient carol = join("carol");
        for (int seq = 0; seq < 20; seq++) {
            byte[] sent = payload(alice.id(), seq);
            alice.sendVideo(seq, sent);
            for (WireClient receiver : List.of(bob, carol)) {
                In f = receiver.readUntil(MessageType.VIDEO);
                assertEquals(alice.id(), f.sender());
                assertEquals(seq, f.sequence());
                assertEquals(0, f.stream());
                assertEquals(Wire.FLAG_KEYFRAME, f.flags());
                assertEquals("jpeg", f.codec());
                assertEquals(1_000_000L + seq, f.timestampMicros());
                assertPayload(sent, f);
                receiver.acknowledgeAll();
            }
        }
        for (int seq = 0; seq < 30; seq++) alice.sendAudio(seq, payload(alice.id(), 1000 + seq, 640));
        for (WireClient receiver : List.of(bob, carol)) {
            for (int seq = 0; seq < 30; seq++) {
                In f = receiver.readUntil(MessageType.AUDIO);
                assertEquals(alice.id(), f.sender());
                assertEquals(seq, f.sequence());
                assertEquals(1, f.stream());
                assertEquals("pcm-s16le;rate=16000", f.codec());
                assertEquals(2_000_000L + seq, f.timestampMicros());
                assertPayload(payload(alice.id(), 1000 + seq, 640), f);
            }
        }
        bob.sendText(0, "got it all");
        alice.readUntilText("got it all");
        for (In f : alice.skipped) {
            assertFalse(f.type() == MessageType.VIDEO || f.type() == MessageType.AUDIO, () -> "echoed to its sender: " + f);
        }
        assertEquals(50, stats(relay, alice.id()).framesIn());
    }

    // ---------------------------------------------------------------- flow control

    @Test
    void receiverThatDoesNotAcknowledgeGetsOnlyTheWindowAndThenTheNewestFrame() throws IOException {
        WireClient bob = join("bob");
        WireClient alice = join("alice");
        int window = bob.welcome.videoWindow();
        assertEquals(4, window);
        for (int seq = 0; seq < 10; seq++) alice.sendVideo(seq, payload(alice.id(), seq));
        alice.sendText(0, "marker");

        // Text overtakes held-back video, so when the marker is read every video frame has reached bob's queue.
        bob.readUntilText("marker");
        assertEquals(List.of(0, 1, 2, 3), sequencesOf(bob.skipped, MessageType.VIDEO),
                "exactly the window of unacknowledged video");
        MemberStats held = stats(relay, bob.id());
        assertEquals(5, held.videoReplaced(), "frames 4 to 8 were replaced by newer ones");
        assertEquals(window, held.videoInFlight());

        // Anything the relay were willing to send would be ahead of the PONG, which the same writer sends.
        bob.send(new Messages.Ping(1).toFrame());
        bob.readUntil(MessageType.PONG);
        assertEquals(List.of(), sequencesOf(bob.skipped, MessageType.VIDEO), "no video without RECEIVED");

        bob.sendReceived(window);
        In fresh = bob.readUntil(MessageType.VIDEO);
        assertEquals(9, fresh.sequence(), "after RECEIVED the newest frame, not the backlog");
        assertPayload(payload(alice.id(), 9), fresh);

        bob.send(new Messages.Ping(2).toFrame());
        bob.readUntil(MessageType.PONG);
        assertEquals(List.of(), sequencesOf(bob.skipped, MessageType.VIDEO), "only one frame was pending");
    }

    @Test
    void theRelayAcknowledgesTheVideoItTakesInFromASender() throws IOException {
        WireClient bob = join("bob");
        WireClient alice = join("alice");
        for (int seq = 0; seq < 7; seq++) alice.sendVideo(seq, payload(alice.id(), seq));
        int count = 0;
        while (count < 7) {
            int next = Messages.Received.from(alice.readUntil(MessageType.RECEIVED).frame()).videoFrames();
            assertTrue(next > count, "counts only grow: " + next + " after " + count);
            count = next;
        }
        assertEquals(7, count, "cumulative: every frame the relay read, none it did not");
        // Audio and text are not counted.
        alice.sendText(0, "not video");
        alice.send(new Messages.Ping(1).toFrame());
        alice.readUntil(MessageType.PONG);
        alice.sendVideo(7, payload(alice.id(), 7));
        assertEquals(8, Messages.Received.from(alice.readUntil(MessageType.RECEIVED).frame()).videoFrames());
        bob.readUntil(MessageType.VIDEO);
    }

    @Test
    void acknowledgingMoreThanWasSentDoesNotWidenTheWindow() throws IOException {
        WireClient bob = join("bob");
        WireClient alice = join("alice");
        bob.sendReceived(1_000);
        bob.send(new Messages.Ping(1).toFrame());
        bob.readUntil(MessageType.PONG); // the relay has taken the bogus RECEIVED
        for (int seq = 0; seq < 10; seq++) alice.sendVideo(seq, payload(alice.id(), seq, 1000));
        alice.sendText(0, "marker");
        bob.readUntilText("marker");
        assertEquals(List.of(0, 1, 2, 3), sequencesOf(bob.skipped, MessageType.VIDEO));
    }

    @Test
    void stalledReceiverDoesNotHoldBackAnotherReceiverAndGetsItsVideoReplaced() throws Exception {
        WireClient stalled = join("stalled"); // joins, then never reads its socket again
        WireClient bob = join("bob");
        WireClient alice = join("alice");
        int frames = 300;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> sending = pool.submit(() -> {
                for (int seq = 0; seq < frames; seq++) {
                    alice.sendText(seq, "line " + seq);
                    alice.sendVideo(seq, payload(alice.id(), seq, 40 * 1024));
                }
                return null;
            });
            int nextLine = 0;
            int lastSeq = -1;
            int videos = 0;
            while (nextLine < frames || lastSeq < frames - 1) {
                In f = bob.read();
                switch (f.type()) {
                    case TEXT -> {
                        assertEquals("line " + nextLine, f.text());
                        nextLine++;
                    }
                    case VIDEO -> {
                        assertTrue(f.sequence() > lastSeq, "video goes forward: " + f.sequence() + " after " + lastSeq);
                        lastSeq = f.sequence();
                        assertPayload(payload(alice.id(), lastSeq, 40 * 1024), f);
                        videos++;
                        bob.acknowledgeAll();
                    }
                    case JOINED -> assertEquals(alice.id(), f.sender());
                    default -> fail("unexpected " + f);
                }
            }
            sending.get(30, TimeUnit.SECONDS);
            assertEquals(frames - 1, lastSeq, "the good receiver ends on the last frame sent");
            assertTrue(videos >= 1);
        } finally {
            pool.shutdownNow();
        }
        // It was sent the first window of frames; each later frame replaced the one waiting before it.
        int window = stalled.welcome.videoWindow();
        eventually("all but the window and the newest frame replaced for the stalled receiver",
                () -> stats(relay, stalled.id()).videoReplaced() == frames - window - 1);
        MemberStats s = stats(relay, stalled.id());
        assertTrue(s.videoReplaced() > 0);
        assertEquals(window, s.videoInFlight(), "the stalled receiver holds a full window");
        assertEquals(3, relay.members().size(), "the stalled receiver is still a member");
    }

    private static RelaySettings settings(int textQueueLimit, int idleTimeoutMillis) {
        // No fair-share limits here: these tests are about receivers, and their senders go as fast as they can.
        return RelaySettings.defaults("127.0.0.1", 0).withTextQueueLimit(textQueueLimit)
                .withIdleTimeoutMillis(idleTimeoutMillis).with("textMessagesPerSecond", 0).with("textBytesPerSecond", 0);
    }

    @Test
    void receiverThatLetsTextPileUpIsDisconnectedWhileTheOthersGetEveryLine() throws Exception {
        RelayServer small = new RelayServer(settings(500, 30_000)).start();
        extraRelays.add(small);
        WireClient slow = WireClient.connect(small.port(), 4096);
        clients.add(slow);
        slow.hello("slow", ROOM); // and never reads again
        WireClient bob = join(small, "bob", ROOM);
        WireClient alice = join(small, "alice", ROOM);
        String padding = "x".repeat(1000);
        Messages.Left left = null;
        int line = 0;
        // Alice and bob go in step, so only the reader that never reads can fall behind.
        for (int chunk = 0; chunk < 30; chunk++) {
            for (int i = 0; i < 100; i++) alice.sendText(chunk * 100 + i, (chunk * 100 + i) + padding);
            while (line < (chunk + 1) * 100) {
                In f = bob.read();
                if (f.type() == MessageType.LEFT) {
                    assertEquals(null, left, "one LEFT");
                    left = Messages.Left.from(f.frame());
                } else if (f.type() == MessageType.TEXT) {
                    assertEquals(line + padding, f.text());
                    line++;
                } else {
                    assertEquals(MessageType.JOINED, f.type(), () -> "unexpected " + f);
                }
            }
        }
        if (left == null) left = Messages.Left.from(bob.readUntil(MessageType.LEFT).frame());
        assertEquals(slow.id(), left.participant());
        assertEquals("slow", left.name());
        assertEquals(List.of(bob.id(), alice.id()), small.members().stream().map(MemberStats::id).toList());
    }

    @Test
    void memberThatStaysSilentBeyondTheIdleTimeoutIsDroppedAsTimedOut() throws Exception {
        RelayServer quick = new RelayServer(settings(10_000, 1_000)).start();
        extraRelays.add(quick);
        WireClient silent = join(quick, "silent", ROOM);
        WireClient bob = join(quick, "bob", ROOM);
        ExecutorService pinger = Executors.newSingleThreadExecutor();
        try {
            // Bob keeps his own connection alive; the interval only has to be well inside the idle timeout.
            pinger.submit(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    bob.send(new Messages.Ping(0).toFrame());
                    Thread.sleep(50);
                }
                return null;
            });
            Messages.Left left = Messages.Left.from(bob.readUntil(MessageType.LEFT).frame());
            assertEquals(new Messages.Left(silent.id(), Messages.LeaveReason.TIMEOUT, "silent"), left);
            silent.drainUntilClosed();
            assertEquals(List.of(bob.id()), quick.members().stream().map(MemberStats::id).toList());
        } finally {
            pinger.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- integrity under load

    @Test
    void eightMembersSendingVideoAndTextAtOnceGetEveryFrameIntact() throws Exception {
        int members = 8;
        int videoFrames = 200;
        int textLines = 100;
        List<WireClient> room = new ArrayList<>();
        for (int i = 0; i < members; i++) room.add(join("m" + i));
        List<Integer> ids = room.stream().map(WireClient::id).toList();

        ExecutorService pool = Executors.newFixedThreadPool(2 * members);
        try {
            List<Future<?>> senders = new ArrayList<>();
            List<Future<Integer>> readers = new ArrayList<>();
            for (WireClient c : room) {
                senders.add(pool.submit(() -> {
                    for (int seq = 0; seq < videoFrames; seq++) {
                        c.sendVideo(seq, payload(c.id(), seq));
                        if (seq % 2 == 0) c.sendText(seq / 2, "text " + c.id() + " " + (seq / 2));
                    }
                    c.sendText(textLines, "done " + c.id());
                    return null;
                }));
                readers.add(pool.submit(readEverything(c, ids, videoFrames, textLines)));
            }
            for (Future<?> f : senders) f.get(50, TimeUnit.SECONDS);
            int verified = 0;
            for (Future<Integer> f : readers) verified += f.get(50, TimeUnit.SECONDS);
            assertTrue(verified >= members * (members - 1), "every receiver got at least the last frame of each sender");
        } finally {
            pool.shutdownNow();
        }
        for (int id : ids) assertEquals(videoFrames + textLines + 1, stats(relay, id).framesIn());
    }

    /** Reads one member's stream until every other member's last frame and last line are in; returns videos checked. */
    private static Callable<Integer> readEverything(WireClient c, List<Integer> ids, int videoFrames, int textLines) {
        return () -> {
            Map<Integer, Integer> lastVideo = new HashMap<>();
            Map<Integer, Integer> nextText = new HashMap<>();
            for (int id : ids) {
                if (id != c.id()) {
                    lastVideo.put(id, -1);
                    nextText.put(id, 0);
                }
            }
            int verified = 0;
            int[] acknowledged = {0};
            while (lastVideo.values().stream().anyMatch(s -> s < videoFrames - 1)
                    || nextText.values().stream().anyMatch(n -> n <= textLines)) {
                In f = c.read();
                switch (f.type()) {
                    case VIDEO -> {
                        Integer last = lastVideo.get(f.sender());
                        assertTrue(last != null, () -> c.id() + " got video from a non-member or itself: " + f);
                        assertTrue(f.sequence() > last, () -> "video went back: " + f + " after " + last);
                        assertPayload(payload(f.sender(), f.sequence()), f);
                        lastVideo.put(f.sender(), f.sequence());
                        verified++;
                        c.acknowledgeAll();
                    }
                    case TEXT -> {
                        Integer n = nextText.get(f.sender());
                        assertTrue(n != null, () -> c.id() + " got text from a non-member or itself: " + f);
                        String expected = n == textLines ? "done " + f.sender() : "text " + f.sender() + " " + n;
                        assertEquals(expected, f.text());
                        assertEquals((int) n, f.sequence());
                        nextText.put(f.sender(), n + 1);
                    }
                    case JOINED -> assertTrue(ids.contains(f.sender()));
                    case RECEIVED -> {
                        // The relay acknowledging this member's own video: cumulative, never more than it sent.
                        int count = Messages.Received.from(f.frame()).videoFrames();
                        assertTrue(count > acknowledged[0] && count <= videoFrames, () -> "RECEIVED " + count
                                + " after " + acknowledged[0] + " of " + videoFrames);
                        acknowledged[0] = count;
                    }
                    default -> fail(c.id() + " got unexpected " + f);
                }
            }
            return verified;
        };
    }

    // ---------------------------------------------------------------- bad input

    /** Sends {@code bytes} on a fresh connection and expects ERROR {@code code}, then the relay closing it. */
    private void assertRefusedAndOthersUnaffected(byte[] bytes, ErrorCode code) throws IOException {
        WireClient alice = join("alice");
        WireClient bob = join("bob");
        WireClient bad = connect(relay);
        bad.sendRaw(bytes);
        Messages.Error error = bad.readError();
        assertEquals(code, error.code(), error.message());
        assertFalse(error.message().isBlank());
        bad.assertClosedByRelay();
        assertPairStillTalks(alice, bob, "after " + code);
        assertEquals(2, relay.members().size());
    }

    private static byte[] helloBytes(Messages.Role role, String name) {
        Frame f = new Messages.Hello(role, name, ROOM, "").toFrame();
        try {
            return FrameCodec.toBytes(f);
        } finally {
            f.release();
        }
    }

    @Test
    void somethingThatIsNotParleyGetsBadMagicAndIsDisconnected() throws IOException {
        assertRefusedAndOthersUnaffected("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII), ErrorCode.BAD_MAGIC);
    }

    @Test
    void anotherProtocolVersionGetsUnsupportedVersionAndIsDisconnected() throws IOException {
        byte[] hello = helloBytes(Messages.Role.CLIENT, "future");
        hello[2] = 2;
        assertRefusedAndOthersUnaffected(hello, ErrorCode.UNSUPPORTED_VERSION);
    }

    @Test
    void headerClaimingAHugePayloadIsRefusedBeforeThePayloadArrives() throws IOException {
        byte[] header = ByteBuffer.allocate(Wire.HEADER_LENGTH)
                .putShort((short) Wire.MAGIC).put((byte) Wire.VERSION).put((byte) MessageType.VIDEO.code())
                .put((byte) 0).put((byte) 0).putShort((short) 0).putInt(0).putInt(0).putLong(0)
                .putInt(100 * 1024 * 1024)
                .array();
        assertRefusedAndOthersUnaffected(header, ErrorCode.FRAME_TOO_LARGE);
    }

    @Test
    void unknownMessageTypeIsMalformed() throws IOException {
        byte[] header = ByteBuffer.allocate(Wire.HEADER_LENGTH)
                .putShort((short) Wire.MAGIC).put((byte) Wire.VERSION).put((byte) 0x7f).put(new byte[24])
                .array();
        assertRefusedAndOthersUnaffected(header, ErrorCode.MALFORMED);
    }

    @Test
    void firstMessageOtherThanHelloIsAnUnexpectedMessage() throws IOException {
        Frame text = Frame.text(0, 0, 0, "hi, let me in");
        byte[] bytes;
        try {
            bytes = FrameCodec.toBytes(text);
        } finally {
            text.release();
        }
        assertRefusedAndOthersUnaffected(bytes, ErrorCode.UNEXPECTED_MESSAGE);
    }

    @Test
    void helloAsAPeerIsTheWrongRole() throws IOException {
        assertRefusedAndOthersUnaffected(helloBytes(Messages.Role.PEER, "peer"), ErrorCode.WRONG_ROLE);
    }

    @Test
    void helloWithAnEmptyNameIsInvalid() throws IOException {
        assertRefusedAndOthersUnaffected(helloBytes(Messages.Role.CLIENT, ""), ErrorCode.INVALID_HELLO);
    }

    @Test
    void connectionThatNeverSaysHelloTimesOut() throws Exception {
        // Short enough for a test, long enough that alice and bob, who must say HELLO within it, do so on a busy machine.
        RelayServer quick = new RelayServer(RelaySettings.defaults("127.0.0.1", 0).withHandshakeTimeoutMillis(2000)).start();
        extraRelays.add(quick);
        WireClient alice = join(quick, "alice", ROOM);
        WireClient bob = join(quick, "bob", ROOM);
        WireClient silent = connect(quick);
        Messages.Error error = silent.readError();
        assertEquals(ErrorCode.HANDSHAKE_TIMEOUT, error.code(), error.message());
        silent.assertClosedByRelay();
        assertPairStillTalks(alice, bob, "after the timeout");
        assertEquals(2, quick.members().size());
    }

    @Test
    void truncatedFrameIsDroppedSilentlyAndNobodyHearsOfIt() throws IOException {
        WireClient alice = join("alice");
        WireClient bob = join("bob");
        Frame hello = new Messages.Hello(Messages.Role.CLIENT, "half", ROOM, "").toFrame();
        byte[] whole;
        try {
            whole = FrameCodec.toBytes(hello);
        } finally {
            hello.release();
        }
        WireClient half = connect(relay);
        half.sendRaw(Arrays.copyOf(whole, whole.length / 2));
        half.socket.shutdownOutput();
        half.assertClosedByRelay(); // no ERROR: the relay just lets the connection go
        half.close();
        assertPairStillTalks(alice, bob, "after the truncated frame");
        assertEquals(2, relay.members().size());
    }

    @Test
    void joinedMemberThatBreaksTheProtocolIsDisconnectedAndReportedAsProtocolError() throws IOException {
        WireClient alice = join("alice");
        WireClient bob = join("bob");
        WireClient carol = join("carol");
        carol.send(new Messages.Hello(Messages.Role.CLIENT, "carol again", ROOM, "").toFrame());
        Messages.Error error = carol.readError();
        assertEquals(ErrorCode.UNEXPECTED_MESSAGE, error.code(), error.message());
        carol.assertClosedByRelay();
        for (WireClient c : List.of(alice, bob)) {
            Messages.Left left = Messages.Left.from(c.readUntil(MessageType.LEFT).frame());
            assertEquals(new Messages.Left(carol.id(), Messages.LeaveReason.PROTOCOL_ERROR, "carol"), left);
        }
        assertPairStillTalks(alice, bob, "after carol's error");
    }

    // ---------------------------------------------------------------- leaving

    private void assertLostAndOthersGoOn(boolean reset) throws Exception {
        WireClient alice = join("alice");
        WireClient bob = join("bob");
        WireClient carol = join("carol");
        if (reset) carol.abort(); else carol.close();
        for (WireClient c : List.of(alice, bob)) {
            Messages.Left left = Messages.Left.from(c.readUntil(MessageType.LEFT).frame());
            assertEquals(new Messages.Left(carol.id(), Messages.LeaveReason.CONNECTION_LOST, "carol"), left);
        }
        assertTrue(relay.members().stream().noneMatch(m -> m.id() == carol.id()),
                "whoever has read LEFT no longer finds the leaver among the relay's members");
        assertPairStillTalks(alice, bob, "after carol vanished");
        byte[] video = payload(alice.id(), 7);
        alice.sendVideo(7, video);
        In f = bob.readUntil(MessageType.VIDEO);
        assertEquals(alice.id(), f.sender());
        assertPayload(video, f);
    }

    @Test
    void memberWhoseConnectionIsResetIsReportedLostAndTheOthersGoOn() throws Exception {
        assertLostAndOthersGoOn(true);
    }

    @Test
    void memberWhoClosesWithoutByeIsReportedLostAndTheOthersGoOn() throws Exception {
        assertLostAndOthersGoOn(false);
    }

    @Test
    void byeIsReportedAsLeftWithReasonByeAndTheRelayClosesTheConnection() throws IOException {
        WireClient alice = join("alice");
        WireClient bob = join("bob");
        bob.send(new Messages.Bye("going home").toFrame());
        bob.drainUntilClosed();
        Messages.Left left = Messages.Left.from(alice.readUntil(MessageType.LEFT).frame());
        assertEquals(new Messages.Left(bob.id(), Messages.LeaveReason.BYE, "bob"), left);
    }

    // ---------------------------------------------------------------- control messages

    @Test
    void pingIsAnsweredWithPongEchoingItsTime() throws IOException {
        WireClient alice = join("alice");
        long t1 = 1_234_567_890_123L;
        alice.send(new Messages.Ping(t1).toFrame());
        Messages.Pong pong = Messages.Pong.from(alice.readUntil(MessageType.PONG).frame());
        assertEquals(t1, pong.t1());
        assertTrue(pong.t2() <= pong.t3(), "received (t2 " + pong.t2() + ") before answering (t3 " + pong.t3() + ")");
    }

    @Test
    void keyframeRequestReachesOnlyItsTargetStampedWithTheAsker() throws IOException {
        WireClient alice = join("alice");
        WireClient bob = join("bob");
        WireClient carol = join("carol");
        alice.send(new Messages.KeyframeRequest(4242, bob.id(), 3).toFrame());
        In f = bob.readUntil(MessageType.KEYFRAME_REQUEST);
        assertEquals(alice.id(), f.sender());
        assertEquals(new Messages.KeyframeRequest(alice.id(), bob.id(), 3), Messages.KeyframeRequest.from(f.frame()));
        alice.sendText(0, "after the request");
        carol.readUntilText("after the request");
        assertTrue(carol.skipped.stream().noneMatch(s -> s.type() == MessageType.KEYFRAME_REQUEST));
    }

    // ---------------------------------------------------------------- shutdown

    @Test
    void closeTellsEveryoneItIsShuttingDownAndReleasesThePort() throws IOException {
        WireClient alice = join("alice");
        WireClient bob = join("bob");
        int port = relay.port();
        relay.close();
        relay = null;
        for (WireClient c : List.of(alice, bob)) {
            Messages.Error error = Messages.Error.from(c.readUntil(MessageType.ERROR).frame());
            assertEquals(ErrorCode.SHUTTING_DOWN, error.code());
            c.assertClosedByRelay();
        }
        assertThrows(ConnectException.class, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), WireClient.TIMEOUT_MILLIS);
            }
        });
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress("127.0.0.1", port));
        }
    }
}
