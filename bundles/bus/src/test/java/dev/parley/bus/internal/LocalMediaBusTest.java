package dev.parley.bus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.StreamKey;
import dev.parley.api.StreamStats;
import dev.parley.api.Subscription;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LocalMediaBusTest {
    private final LocalMediaBus bus = new LocalMediaBus(4);
    private final List<MediaFrame> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch firstArrived = new CountDownLatch(1);

    @AfterEach
    void closeBus() {
        gate.countDown();
        bus.deactivate();
    }

    private static MediaFrame frame(MediaKind kind, int sender, int stream, long seq, boolean keyframe) {
        return MediaFrame.builder(kind).sender(sender).stream(stream).sequence(seq).keyframe(keyframe)
                .codec("test").payload(new byte[] {(byte) seq}).build();
    }

    /** A subscriber that holds its first frame until the gate opens, so the queue behind it fills. */
    private Subscription blockedSubscriber() {
        return bus.subscribe("slow", f -> true, f -> {
            received.add(f);
            firstArrived.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private void awaitReceived(int n) throws InterruptedException {
        while (received.size() < n) Thread.sleep(5);
    }

    @Test
    void textIsNeverDroppedAndArrivesInOrderBehindASlowSubscriber() throws Exception {
        Subscription sub = blockedSubscriber();
        bus.publish(frame(MediaKind.TEXT, 1, 0, 0, false));
        firstArrived.await();
        for (int i = 1; i <= 1000; i++) bus.publish(frame(MediaKind.TEXT, 1, 0, i, false));
        gate.countDown();
        awaitReceived(1001);
        for (int i = 0; i <= 1000; i++) assertEquals(i, received.get(i).sequence());
        assertEquals(0, sub.dropped());
    }

    @Test
    void videoKeepsOnlyTheNewestFramePerStreamWhenTheSubscriberFallsBehind() throws Exception {
        Subscription sub = blockedSubscriber();
        bus.publish(frame(MediaKind.VIDEO, 1, 0, 0, true));
        firstArrived.await();
        for (int i = 1; i <= 10; i++) bus.publish(frame(MediaKind.VIDEO, 1, 0, i, true));
        for (int i = 1; i <= 3; i++) bus.publish(frame(MediaKind.VIDEO, 2, 0, 100 + i, true));
        gate.countDown();
        awaitReceived(3);
        Thread.sleep(50);
        assertEquals(3, received.size());
        assertEquals(10, received.get(1).sequence());
        assertEquals(103, received.get(2).sequence());
        assertEquals(9 + 2, sub.dropped());
        assertEquals(9, bus.stats(new StreamKey(1, MediaKind.VIDEO, 0)).dropped());
    }

    @Test
    void audioKeepsAShortQueueAndDropsTheOldestFrames() throws Exception {
        Subscription sub = blockedSubscriber();
        bus.publish(frame(MediaKind.AUDIO, 1, 0, 0, true));
        firstArrived.await();
        for (int i = 1; i <= 20; i++) bus.publish(frame(MediaKind.AUDIO, 1, 0, i, true));
        gate.countDown();
        awaitReceived(5);
        Thread.sleep(50);
        assertEquals(List.of(0L, 17L, 18L, 19L, 20L), received.stream().map(MediaFrame::sequence).toList());
        assertEquals(16, sub.dropped());
    }

    @Test
    void audioAndTextOvertakeQueuedVideo() throws Exception {
        blockedSubscriber();
        bus.publish(frame(MediaKind.VIDEO, 1, 0, 0, true));
        firstArrived.await();
        bus.publish(frame(MediaKind.VIDEO, 1, 0, 1, true));
        bus.publish(frame(MediaKind.TEXT, 1, 0, 2, false));
        bus.publish(frame(MediaKind.AUDIO, 1, 0, 3, false));
        gate.countDown();
        awaitReceived(4);
        assertEquals(List.of(MediaKind.VIDEO, MediaKind.AUDIO, MediaKind.TEXT, MediaKind.VIDEO),
                received.stream().map(MediaFrame::kind).toList());
    }

    @Test
    void anInterFrameStreamThatLostAFrameSkipsToTheNextKeyframeAndAsksForOne() throws Exception {
        List<StreamKey> asked = new CopyOnWriteArrayList<>();
        bus.addKeyframeListener(asked::add);
        blockedSubscriber();
        bus.publish(frame(MediaKind.VIDEO, 1, 0, 0, true));
        firstArrived.await();
        bus.publish(frame(MediaKind.VIDEO, 1, 0, 1, false));
        bus.publish(frame(MediaKind.VIDEO, 1, 0, 2, false)); // replaces 1: 2 cannot be decoded without it
        bus.publish(frame(MediaKind.VIDEO, 1, 0, 3, false)); // still waiting for a keyframe
        gate.countDown();
        Thread.sleep(50);
        assertEquals(1, received.size(), "no delta frame may be delivered without its reference");
        bus.publish(frame(MediaKind.VIDEO, 1, 0, 4, true));
        awaitReceived(2);
        bus.publish(frame(MediaKind.VIDEO, 1, 0, 5, false));
        awaitReceived(3);
        assertEquals(List.of(0L, 4L, 5L), received.stream().map(MediaFrame::sequence).toList());
        assertEquals(List.of(new StreamKey(1, MediaKind.VIDEO, 0)), asked);
    }

    @Test
    void publishingNeverWaitsForAStalledSubscriber() throws Exception {
        blockedSubscriber();
        bus.publish(frame(MediaKind.VIDEO, 1, 0, 0, true));
        firstArrived.await();
        // The subscriber is stuck in its listener; 100k publishes must still all return.
        for (int i = 0; i < 100_000; i++) bus.publish(frame(MediaKind.VIDEO, 1, 0, i, true));
        assertEquals(100_001, bus.stats(new StreamKey(1, MediaKind.VIDEO, 0)).framesIn());
    }

    @Test
    void aListenerThatThrowsKeepsReceivingLaterFrames() throws Exception {
        CountDownLatch three = new CountDownLatch(3);
        bus.subscribe("faulty", f -> true, f -> {
            three.countDown();
            throw new IllegalStateException("boom " + f.sequence());
        });
        for (int i = 0; i < 3; i++) bus.publish(frame(MediaKind.TEXT, 1, 0, i, false));
        assertTrue(three.await(10, TimeUnit.SECONDS));
    }

    @Test
    void subscribersOnlyGetFramesTheirFilterAccepts() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        bus.subscribe("remote-text", f -> f.kind() == MediaKind.TEXT && !f.isLocal(), f -> {
            received.add(f);
            if (f.sequence() == 99) done.countDown();
        });
        bus.publish(frame(MediaKind.TEXT, MediaFrame.LOCAL, 0, 1, false));
        bus.publish(frame(MediaKind.VIDEO, 3, 0, 2, true));
        bus.publish(frame(MediaKind.TEXT, 3, 0, 99, false));
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(1, received.size());
    }

    @Test
    void statsCountFramesBytesAndDeliveriesPerStream() throws Exception {
        CountDownLatch done = new CountDownLatch(10);
        Subscription a = bus.subscribe("a", f -> true, f -> done.countDown());
        Subscription b = bus.subscribe("b", f -> true, f -> done.countDown());
        for (int i = 0; i < 5; i++) {
            bus.publish(MediaFrame.builder(MediaKind.TEXT).sender(7).senderName("gus").codec("utf-8")
                    .payload(new byte[640]).build());
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        while (a.delivered() + b.delivered() < 10) Thread.sleep(5);
        StreamStats s = bus.stats(new StreamKey(7, MediaKind.TEXT, 0));
        assertEquals(5, s.framesIn());
        assertEquals(3200, s.bytesIn());
        assertEquals(10, s.framesOut());
        assertEquals("gus", s.senderName());
        assertEquals("utf-8", s.codec());
        assertEquals(1, bus.stats().size());
    }

    @Test
    void aClosedSubscriptionReceivesNothingMore() throws Exception {
        Subscription sub = bus.subscribe("gone", f -> true, received::add);
        sub.close();
        bus.publish(frame(MediaKind.TEXT, 1, 0, 1, false));
        Thread.sleep(50);
        assertTrue(received.isEmpty());
    }
}
