package dev.parley.relay.internal;

import dev.parley.api.call.RelayStatus.MemberStats;
import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/** A joined participant: its number, name, connection and outbound queue. */
final class Member {
    final int id;
    final String name;
    final Room room;
    final Channel channel;
    final ReceiverQueue queue;
    final AtomicLong framesIn = new AtomicLong();
    /** A member of the plain-text port: it wants chat only, never video or audio. */
    final boolean textOnly;

    Member(int id, String name, Room room, Channel channel, RelaySettings settings) {
        this(id, name, room, channel, settings, false);
    }

    Member(int id, String name, Room room, Channel channel, RelaySettings settings, boolean textOnly) {
        this.id = id;
        this.name = name;
        this.room = room;
        this.channel = channel;
        this.textOnly = textOnly;
        this.queue = new ReceiverQueue(channel, settings);
    }

    /** Hands a shared media frame to this member's writer if it wants it; takes ownership of {@code frame}. */
    void deliver(MessageType type, long streamKey, ByteBuf frame) {
        if (textOnly && type != MessageType.TEXT) {
            frame.release();
            return;
        }
        runOnLoop(() -> queue.offer(type, streamKey, frame), frame);
    }

    /** Sends a control message (JOINED, LEFT, KEYFRAME_REQUEST) in order with the media. */
    void send(Frame control) {
        runOnLoop(() -> {
            queue.pump();
            channel.writeAndFlush(control, channel.voidPromise());
        }, control);
    }

    private void runOnLoop(Runnable task, Object owned) {
        if (!channel.isActive()) {
            ReferenceCountUtil.release(owned);
            return;
        }
        if (channel.eventLoop().inEventLoop()) {
            task.run();
            return;
        }
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            ReferenceCountUtil.release(owned);
        }
    }

    MemberStats stats() {
        return new MemberStats(id, name, room.name(), String.valueOf(channel.remoteAddress()), framesIn.get(),
                queue.framesOut(), queue.videoReplaced(), queue.audioDropped(), queue.videoInFlight());
    }

    @Override
    public String toString() {
        return id + " " + name;
    }
}
