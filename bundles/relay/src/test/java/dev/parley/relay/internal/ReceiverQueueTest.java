package dev.parley.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The receiver queue driven through an {@link EmbeddedChannel} whose writes and flushes call back into it, as
 * Netty's do: writability changes fire inside {@code write} and {@code flush}, and a failing write closes the
 * channel in the middle of a pump.
 */
class ReceiverQueueTest {
    private static final int FRAME = 1500;

    /** A channel with tiny water marks, whose writability changes pump the queue again, as RelayConnection does. */
    private static final class Harness {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final AtomicInteger tooSlow = new AtomicInteger();
        final AtomicInteger reentries = new AtomicInteger();
        final ReceiverQueue queue;
        volatile boolean pumpOnWritable = true;

        Harness(RelaySettings settings) {
            channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(FRAME, 2 * FRAME));
            queue = new ReceiverQueue(channel, settings, tooSlow::incrementAndGet);
            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                    if (!pumpOnWritable) return;
                    reentries.incrementAndGet();
                    queue.writable();
                }
            });
        }

        /** The frames written so far, by the first byte of each (the test's frame number). */
        List<Integer> written() {
            List<Integer> out = new ArrayList<>();
            channel.runPendingTasks();
            Object m;
            while ((m = channel.readOutbound()) != null) {
                ByteBuf b = (ByteBuf) m;
                out.add((int) b.getByte(0));
                b.release();
            }
            return out;
        }
    }

    private static ByteBuf frame(int number) {
        ByteBuf b = Unpooled.directBuffer(FRAME);
        b.writeByte(number).writeZero(FRAME - 1);
        return b;
    }

    private static RelaySettings window(int frames) {
        return RelaySettings.defaults("127.0.0.1", 0).with("videoWindow", frames);
    }

    @Test
    void writesThatChangeWritabilityMidPumpNeitherBreakTheQueueNorLoseOrReorderFrames() {
        Harness h = new Harness(window(100));
        // Every frame crosses the high water mark on its own, so every write flushes at once.
        h.channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(FRAME / 4, FRAME / 2));
        AtomicInteger gate = new AtomicInteger(); // 0: the socket takes nothing; 1: it drains
        h.channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                if (gate.get() == 1) ctx.flush();
            }
        });
        for (int i = 0; i < 40; i++) h.queue.offer(MessageType.VIDEO, i, frame(i));
        assertFalse(h.channel.isWritable(), "frame 0 fills the socket; 1 to 39 wait in the queue");
        // The socket drains while nobody pumps (the writability event comes later, on the real event loop)...
        h.pumpOnWritable = false;
        gate.set(1);
        h.channel.flush();
        assertTrue(h.channel.isWritable());
        h.pumpOnWritable = true;
        // ...and then a RECEIVED pumps the waiting frames. Each write flushes at once; each flush drains the socket,
        // which makes the channel writable and calls back into the queue in the middle of its own pump.
        int before = h.reentries.get();
        h.queue.acknowledged(1);
        assertTrue(h.reentries.get() - before >= 39, "the pump was re-entered from inside its own writes");
        List<Integer> out = h.written();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) expected.add(i);
        assertEquals(expected, out, "every frame once, in the order offered");
        assertEquals(0, h.tooSlow.get());
        h.channel.finishAndReleaseAll();
    }

    @Test
    void aChannelClosedByAWriteInTheMiddleOfAPumpReleasesWhatIsLeft() {
        Harness h = new Harness(window(1000));
        AtomicInteger writes = new AtomicInteger();
        h.channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (writes.incrementAndGet() == 3) {
                    // The third write fails the connection, as a reset peer would.
                    h.queue.release();
                    ctx.channel().close();
                }
                ctx.write(msg, promise);
            }
        });
        List<ByteBuf> frames = new ArrayList<>();
        for (int i = 0; i < 10; i++) frames.add(frame(i));
        for (int i = 0; i < 10; i++) h.queue.offer(MessageType.VIDEO, i, frames.get(i).retain());
        h.channel.finishAndReleaseAll();
        for (ByteBuf f : frames) {
            assertEquals(1, f.refCnt(), "the queue gave up its reference to every frame, written or not");
            f.release();
        }
    }

    @Test
    void videoBeyondTheWindowWaitsNewestFirstPerStreamUntilAcknowledged() {
        Harness h = new Harness(window(2));
        h.queue.offer(MessageType.VIDEO, 1, frame(1));
        h.queue.offer(MessageType.VIDEO, 2, frame(2));
        h.queue.offer(MessageType.VIDEO, 1, frame(3));
        h.queue.offer(MessageType.VIDEO, 1, frame(4)); // replaces 3, still waiting
        assertEquals(List.of(1, 2), h.written());
        assertEquals(1, h.queue.videoReplaced());
        h.queue.acknowledged(2);
        assertEquals(List.of(4), h.written());
        h.channel.finishAndReleaseAll();
    }

    @Test
    void audioAndTextOvertakeWaitingVideo() {
        Harness h = new Harness(window(1));
        h.queue.offer(MessageType.VIDEO, 1, frame(1));
        h.queue.offer(MessageType.VIDEO, 1, frame(2)); // waits: the window is full
        h.queue.offer(MessageType.TEXT, 0, frame(3));
        h.queue.offer(MessageType.AUDIO, 2, frame(4));
        assertEquals(List.of(1, 3, 4), h.written());
        h.queue.acknowledged(1);
        assertEquals(List.of(2), h.written());
        h.channel.finishAndReleaseAll();
    }

    @Test
    void textThatPilesUpUnreadTellsOnceThatTheReceiverIsTooSlow() {
        RelaySettings small = window(4).withTextQueueLimit(5);
        Harness h = new Harness(small);
        h.channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        // The socket takes one frame and then is full for good: nothing flushes it.
        h.channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                // A receiver that does not read: flushing moves nothing.
            }
        });
        List<ByteBuf> frames = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ByteBuf f = frame(i);
            frames.add(f.retain());
            h.queue.offer(MessageType.TEXT, 0, f);
        }
        assertEquals(1, h.tooSlow.get());
        try {
            h.channel.finishAndReleaseAll();
        } catch (Exception e) {
            // The message that never left the full socket fails as the channel closes: expected here.
            assertTrue(e instanceof java.nio.channels.ClosedChannelException, e::toString);
        }
        for (ByteBuf f : frames) {
            assertEquals(1, f.refCnt());
            f.release();
        }
    }

    @Test
    void nothingIsWrittenAfterRelease() {
        Harness h = new Harness(window(4));
        h.queue.release();
        ByteBuf f = frame(1);
        h.queue.offer(MessageType.VIDEO, 1, f);
        assertEquals(0, f.refCnt());
        assertNull(h.channel.readOutbound());
        assertFalse(h.channel.outboundMessages().iterator().hasNext());
        h.channel.finishAndReleaseAll();
    }

    @Test
    void eachTalkersAudioWaitsInItsOwnShortQueueSoManyTalkersDoNotPushEachOtherOut() {
        Harness h = new Harness(window(4));
        AtomicInteger gate = new AtomicInteger();
        h.channel.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                if (gate.get() == 1) ctx.flush();
            }
        });
        h.queue.offer(MessageType.VIDEO, 99, frame(99)); // fills the socket: audio has to wait
        h.queue.offer(MessageType.VIDEO, 98, frame(98));
        h.queue.offer(MessageType.VIDEO, 97, frame(97));
        assertFalse(h.channel.isWritable());
        // Ten talkers, two frames each: all fit. Then one talker sends a burst of 10: only its own oldest go.
        for (int round = 0; round < 2; round++) {
            for (int talker = 0; talker < 10; talker++) h.queue.offer(MessageType.AUDIO, talker, frame(talker));
        }
        for (int i = 0; i < 10; i++) h.queue.offer(MessageType.AUDIO, 0, frame(50 + i));
        assertEquals(4, h.queue.audioDropped(), "talker 0 holds 8 frames; its 4 oldest went, nobody else's");
        gate.set(1);
        h.channel.flush();
        List<Integer> out = h.written();
        assertEquals(3 + 2 * 9 + 8, out.size(), out::toString);
        for (int talker = 1; talker < 10; talker++) {
            final int t = talker;
            assertEquals(2, out.stream().filter(x -> x == t).count(), "talker " + t + " lost nothing");
        }
        h.channel.finishAndReleaseAll();
    }
}
