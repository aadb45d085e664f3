package dev.parley.relay.internal;

import dev.parley.api.call.RelayStatus.MemberStats;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Messages;
import dev.parley.protocol.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A joined participant: its number, name, connection and outbound queue. Other connections hand it frames from
 * their own event loops; {@link #deliver} and {@link #send} move each one onto this member's loop, where its
 * {@link ReceiverQueue} is the connection's only writer.
 */
final class Member {
    final int id;
    final String name;
    final Room room;
    final Channel channel;
    final ReceiverQueue queue;
    final AtomicLong framesIn = new AtomicLong();
    /** The codecs this member last said it decodes, or null if it never said. */
    volatile Messages.Codecs codecs;
    /** How often the relay stopped reading this member for going over its fair share. */
    final AtomicLong throttled = new AtomicLong();
    /** A member of the plain-text port: it wants chat only, never video or audio. */
    final boolean textOnly;
    private final RelayErrors errors;

    /**
     * @param tooSlow called on this member's loop when it lets TEXT and control messages pile up unread
     */
    Member(int id, String name, Room room, Channel channel, RelaySettings settings, RelayErrors errors,
           boolean textOnly, Runnable tooSlow) {
        this.id = id;
        this.name = name;
        this.room = room;
        this.channel = channel;
        this.textOnly = textOnly;
        this.errors = errors;
        this.queue = new ReceiverQueue(channel, settings, tooSlow);
    }

    /** Whether this member takes frames of that type at all (a plain-text member takes TEXT only). */
    boolean wants(MessageType type) {
        return !textOnly || type == MessageType.TEXT;
    }

    /**
     * Hands a shared media frame to this member's writer; takes ownership of {@code frame}. Must run on this
     * member's event loop ({@link Room#fanOut} sees to it).
     */
    void offerHere(MessageType type, long streamKey, ByteBuf frame) {
        if (!channel.isActive()) {
            frame.release();
            return;
        }
        try {
            queue.offer(type, streamKey, frame);
        } catch (RuntimeException e) {
            errors.failed("queueing " + type + " for " + this, null, e);
        }
    }

    /** Sends a control message (JOINED, LEFT, KEYFRAME_REQUEST) in order with TEXT; takes ownership. */
    void send(Frame control) {
        runOnLoop(() -> queue.offerControl(control), control, control.type());
    }

    private void runOnLoop(Runnable task, Object owned, MessageType what) {
        if (!channel.isActive()) {
            ReferenceCountUtil.release(owned);
            return;
        }
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                errors.failed("queueing " + what + " for " + this, owned, e);
            }
        };
        if (channel.eventLoop().inEventLoop()) {
            guarded.run();
            return;
        }
        try {
            channel.eventLoop().execute(guarded);
        } catch (RejectedExecutionException e) {
            ReferenceCountUtil.release(owned);
        }
    }

    MemberStats stats() {
        return new MemberStats(id, name, room.name(), String.valueOf(channel.remoteAddress()), framesIn.get(),
                queue.framesOut(), queue.videoReplaced(), queue.audioDropped(), queue.videoInFlight(), queue.videoWindow(),
                throttled.get());
    }

    @Override
    public String toString() {
        return id + " " + name;
    }
}
