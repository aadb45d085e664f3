package dev.parley.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.call.RelayStatus.MemberStats;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import dev.parley.relay.internal.WireClient.In;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One participant floods the room with chat, one stops reading, two talk and watch video as usual. The flooder is
 * slowed to its fair share (the relay stops reading it, nothing of it is dropped); the one that stopped reading is
 * the one disconnected, as too slow; the two ordinary participants keep every chat line, and get the video in order
 * up to its last frame, missing only frames the relay reports as replaced by newer ones (newest-wins, by design).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RelayFairnessTest {
    private static final int RATE = 200;
    private static final int BURST = 100;
    private static final String PADDING = "x".repeat(4000);
    /** How long anything this test waits for may take on a busy machine before it counts as not happening. */
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

    static {
        LeakWatch.install();
    }

    @AfterAll
    static void noBufferLeaked() throws InterruptedException {
        assertEquals(List.of(), LeakWatch.collect(), "Netty buffers leaked (reference counting mistake)");
    }

    /** Reads everything on a thread of its own: chat lines by sender, video sequences by sender, LEFT events. */
    private static final class Reader implements Runnable {
        final WireClient client;
        final Map<Integer, List<String>> lines = new ConcurrentHashMap<>();
        final Map<Integer, List<Integer>> video = new ConcurrentHashMap<>();
        final List<Messages.Left> left = new CopyOnWriteArrayList<>();
        volatile Throwable failure;

        Reader(WireClient client) {
            this.client = client;
        }

        @Override
        public void run() {
            try {
                while (true) {
                    In f = client.read();
                    switch (f.type()) {
                        case TEXT -> lines.computeIfAbsent(f.sender(), k -> new CopyOnWriteArrayList<>()).add(f.text());
                        case VIDEO -> {
                            video.computeIfAbsent(f.sender(), k -> new CopyOnWriteArrayList<>()).add(f.sequence());
                            client.acknowledgeAll();
                        }
                        case LEFT -> left.add(Messages.Left.from(f.frame()));
                        default -> { }
                    }
                }
            } catch (EOFException | java.net.SocketException closed) {
                // The test closed us.
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    @Test
    void aFlooderIsSlowedTheOneNotReadingGoesAndTheOthersKeepEveryLineAndFrame() throws Exception {
        // A latency target far above what a busy machine adds, so the window rarely holds bob's video back; when it
        // does, newer frames replace held ones, and the test counts those against what the relay reports.
        RelaySettings settings = RelaySettings.defaults("127.0.0.1", 0).with("textMessagesPerSecond", RATE)
                .with("textMessageBurst", BURST).with("textBytesPerSecond", 4 * 1024 * 1024).withTextQueueLimit(300)
                .with("latencyTargetMillis", 1000);
        ExecutorService threads = Executors.newCachedThreadPool();
        List<WireClient> clients = new ArrayList<>();
        try (RelayServer relay = new RelayServer(settings).start()) {
            WireClient stalled = WireClient.connect(relay.port(), 4096);
            clients.add(stalled);
            stalled.hello("stalled", "lobby"); // and never reads again
            WireClient alice = WireClient.join(relay.port(), "alice", "lobby");
            WireClient bob = WireClient.join(relay.port(), "bob", "lobby");
            WireClient flooder = WireClient.join(relay.port(), "flooder", "lobby");
            clients.addAll(List.of(alice, bob, flooder));
            Reader aliceReads = new Reader(alice);
            Reader bobReads = new Reader(bob);
            threads.submit(aliceReads);
            threads.submit(bobReads);
            threads.submit(new Reader(flooder));

            AtomicBoolean flooding = new AtomicBoolean(true);
            long start = System.nanoTime();
            Future<Integer> flood = threads.submit(() -> {
                int n = 0;
                while (flooding.get()) flooder.sendText(n, "flood " + n++ + " " + PADDING);
                return n;
            });
            // Alice and bob talk and send video while the flood goes on, until the stalled reader is gone and the
            // relay has had to stop reading the flooder (on a busy machine either may come first).
            int round = 0;
            long loopDeadline = System.nanoTime() + DEADLINE_NANOS;
            while ((aliceReads.left.isEmpty() || stats(relay, "flooder").throttled() == 0)
                    && System.nanoTime() - loopDeadline < 0) {
                alice.sendText(round, "alice " + round);
                bob.sendText(round, "bob " + round);
                alice.sendVideo(round, RelayServerTest.payload(alice.id(), round, 2000));
                round++;
                Thread.sleep(10);
            }
            flooding.set(false);
            int flooded = flood.get(30, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            MemberStats flooderStats = stats(relay, "flooder");
            // A marker from each, after everything else: once it arrives, all before it has.
            alice.sendText(round, "alice done");
            bob.sendText(round, "bob done");
            flooder.sendText(flooded, "flooder done");
            awaitLine(bobReads, alice.id(), "alice done");
            awaitLine(aliceReads, bob.id(), "bob done");
            awaitLine(aliceReads, flooder.id(), "flooder done");
            awaitLine(bobReads, flooder.id(), "flooder done");
            // Chat does not wait for the video window, so the marker may overtake video still held back: wait for the
            // last frame alice sent.
            int lastFrame = round - 1;
            awaitCondition(() -> {
                List<Integer> v = bobReads.video.get(alice.id());
                return v != null && !v.isEmpty() && v.get(v.size() - 1) == lastFrame;
            }, bobReads, "bob gets alice's last video frame " + lastFrame);

            // The one that stopped reading went, as too slow, and nobody else.
            assertEquals(List.of(new Messages.Left(stalled.id(), Messages.LeaveReason.TOO_SLOW, "stalled")), aliceReads.left);
            assertEquals(aliceReads.left, bobReads.left);
            assertEquals(1, relay.totals().tooSlow());
            assertEquals(List.of("alice", "bob", "flooder"), relay.members().stream().map(MemberStats::name).toList());

            // The flooder was slowed to its share: the relay took no more than the burst and the rate allow.
            assertTrue(flooderStats.throttled() > 0, "the relay stopped reading the flooder");
            assertTrue(flooderStats.framesIn() <= BURST + RATE * (seconds + 1), flooderStats.framesIn() + " lines in " + seconds + " s");

            // Nobody lost a line or a frame: every line of each sender, in order, at both ordinary participants.
            for (Reader r : List.of(aliceReads, bobReads)) {
                List<String> fromFlooder = r.lines.get(flooder.id());
                for (int i = 0; i < flooded; i++) assertTrue(fromFlooder.get(i).startsWith("flood " + i + " "), "line " + i);
                assertEquals(flooded + 1, fromFlooder.size());
            }
            List<String> expectedAlice = new ArrayList<>();
            List<String> expectedBob = new ArrayList<>();
            for (int i = 0; i < round; i++) {
                expectedAlice.add("alice " + i);
                expectedBob.add("bob " + i);
            }
            expectedAlice.add("alice done");
            expectedBob.add("bob done");
            assertEquals(expectedAlice, bobReads.lines.get(alice.id()));
            assertEquals(expectedBob, aliceReads.lines.get(bob.id()));
            // Video: in order, no frame twice, ending on the last one; a frame missing only if the relay replaced it
            // with a newer one while bob's window was full (bob watches no other video, so all of bob's replaced
            // frames are alice's).
            List<Integer> video = bobReads.video.get(alice.id());
            for (int i = 1; i < video.size(); i++) {
                assertTrue(video.get(i) > video.get(i - 1), "alice's video in order at bob: " + video);
            }
            assertTrue(video.get(0) >= 0, "no frame alice did not send: " + video);
            assertEquals(round - 1, video.get(video.size() - 1));
            assertEquals(round - video.size(), stats(relay, "bob").videoReplaced(),
                    "every frame of alice that bob did not get, the relay replaced by a newer one: " + video);
            assertEquals(null, aliceReads.failure);
            assertEquals(null, bobReads.failure);
        } finally {
            for (WireClient c : clients) c.close();
            threads.shutdownNow();
        }
    }

    private static MemberStats stats(RelayServer relay, String name) {
        return relay.members().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private static void awaitLine(Reader r, int sender, String line) throws InterruptedException {
        awaitCondition(() -> {
            List<String> lines = r.lines.get(sender);
            return lines != null && !lines.isEmpty() && lines.get(lines.size() - 1).equals(line);
        }, r, "line \"" + line + "\" from " + sender);
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition, Reader r, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (!condition.getAsBoolean()) {
            if (r.failure != null) throw new AssertionError(r.failure);
            if (System.nanoTime() - deadline > 0) throw new AssertionError("not within 60 s: " + what);
            Thread.sleep(20);
        }
    }
}
