package dev.parley.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OutgoingVideoTest {
    private static final int SIZE = 1000;

    private static Frame video(int stream, int sequence) {
        return new Frame(MessageType.VIDEO, 0, stream, 0, sequence, 0, "jpeg", Unpooled.buffer(SIZE).writeZero(SIZE));
    }

    /** Sequence numbers written so far, as stream:sequence, releasing the frames. */
    private static List<String> written(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        for (Frame f; (f = ch.readOutbound()) != null; f.release()) out.add(f.stream() + ":" + f.sequence());
        return out;
    }

    @Test
    void aWindowOfFramesGoesOutAndBeyondItOnlyTheNewestOfEachStreamWaits() {
        EmbeddedChannel ch = new EmbeddedChannel();
        OutgoingVideo video = new OutgoingVideo(ch, 4, 100);
        for (int seq = 0; seq < 10; seq++) video.offer(video(0, seq));
        video.offer(video(1, 0));
        video.offer(video(1, 1));
        assertEquals(List.of("0:0", "0:1", "0:2", "0:3"), written(ch), "the first window, nothing more");
        assertEquals(6, video.replaced(), "0:4 to 0:8 and 1:0 gave way to newer frames of their stream");
        video.acknowledged(2);
        assertEquals(List.of("0:9", "1:1"), written(ch), "the two that waited, newest of each stream, in order");
        video.acknowledged(6);
        assertEquals(List.of(), written(ch));
        assertEquals(0, video.inFlight());
        assertFalse(ch.finishAndReleaseAll());
    }

    @Test
    void aStaleOrOverlargeAcknowledgementOpensNothingItShouldNot() {
        EmbeddedChannel ch = new EmbeddedChannel();
        OutgoingVideo video = new OutgoingVideo(ch, 2, 100);
        for (int seq = 0; seq < 5; seq++) video.offer(video(0, seq));
        written(ch);
        video.acknowledged(1_000);
        assertEquals(List.of("0:4"), written(ch), "everything sent counts as read, and only the waiting frame goes");
        video.acknowledged(1);
        video.offer(video(0, 5));
        assertEquals(List.of("0:5"), written(ch), "a stale count changed nothing: the window had room");
        ch.finishAndReleaseAll();
    }

    @Test
    void aFullSocketHoldsVideoUntilItDrainsAndThenTheNewestGoes() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(SIZE / 2, SIZE));
        AtomicInteger drain = new AtomicInteger();
        ch.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                if (drain.get() == 1) ctx.flush();
            }
        });
        OutgoingVideo video = new OutgoingVideo(ch, 100, 100);
        video.offer(video(0, 0));
        assertFalse(ch.isWritable(), "one frame fills the socket");
        video.offer(video(0, 1));
        video.offer(video(0, 2));
        drain.set(1);
        ch.flush();
        video.writable();
        assertEquals(List.of("0:0", "0:2"), written(ch));
        ch.finishAndReleaseAll();
    }

    @Test
    void writesThatCallBackIntoThePumpNeitherLoseNorRepeatFrames() {
        EmbeddedChannel ch = new EmbeddedChannel();
        // Every frame crosses the high water mark on its own; once the gate is open, each write is flushed at once,
        // which drains the socket, makes the channel writable and calls the video back from inside its own write.
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(SIZE / 4, SIZE / 2));
        AtomicReference<OutgoingVideo> video = new AtomicReference<>();
        AtomicInteger gate = new AtomicInteger();
        AtomicInteger reentries = new AtomicInteger();
        ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                if (gate.get() == 2 && ctx.channel().isWritable()) {
                    reentries.incrementAndGet();
                    video.get().writable();
                }
            }
        });
        ch.pipeline().addFirst(new ChannelOutboundHandlerAdapter() {
            @Override
            public void write(ChannelHandlerContext ctx, Object msg, io.netty.channel.ChannelPromise promise) {
                ctx.write(msg, promise);
                if (gate.get() == 2) ctx.flush();
            }

            @Override
            public void flush(ChannelHandlerContext ctx) {
                if (gate.get() > 0) ctx.flush();
            }
        });
        video.set(new OutgoingVideo(ch, 100, 100));
        for (int stream = 0; stream < 20; stream++) video.get().offer(video(stream, 0));
        assertFalse(ch.isWritable(), "stream 0 fills the socket; 1 to 19 wait");
        gate.set(1);
        ch.flush();
        assertTrue(ch.isWritable());
        gate.set(2);
        video.get().writable();
        assertTrue(reentries.get() >= 19, "the pump was called back from inside its own writes");
        List<String> expected = new ArrayList<>();
        for (int stream = 0; stream < 20; stream++) expected.add(stream + ":0");
        assertEquals(expected, written(ch), "every frame once, in the order offered");
        ch.finishAndReleaseAll();
    }

    @Test
    void closingReleasesWhatWaitsAndRefusesWhatComesLater() {
        EmbeddedChannel ch = new EmbeddedChannel();
        OutgoingVideo video = new OutgoingVideo(ch, 1, 100);
        video.offer(video(0, 0));
        Frame waiting = video(1, 0);
        Frame late = video(2, 0);
        video.offer(waiting);
        video.close();
        video.offer(late);
        assertEquals(0, waiting.refCnt());
        assertEquals(0, late.refCnt());
        written(ch);
        ch.finishAndReleaseAll();
    }
}
