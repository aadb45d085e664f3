package dev.parley.relay.internal;

import dev.parley.protocol.ClockEstimator;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Messages;
import dev.parley.protocol.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One line-based client: a room member named {@code nc-N} whose lines are chat messages. */
final class PlainTextConnection extends SimpleChannelInboundHandler<String> {
    private static final Logger LOG = LoggerFactory.getLogger(PlainTextConnection.class);

    private final RoomDirectory relay;
    private final PlainTextConfig config;
    private Member member;
    private int sequence;

    PlainTextConnection(RoomDirectory relay, PlainTextConfig config) {
        this.relay = relay;
        this.config = config;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        try {
            member = relay.enter(config.room(), (id, room) -> {
                Member m = new Member(id, "nc-" + id, room, ctx.channel(), relay.settings(), relay.errors(), true, () -> {
                    LOG.warn("Disconnecting {} on the plain-text port: it reads too slowly ({} lines wait unread)",
                            member, relay.settings().textQueueLimit());
                    ctx.close();
                });
                ctx.writeAndFlush("* welcome to room " + room.name() + ": you are " + m + "; each line you type goes to everyone");
                return m;
            });
        } catch (LimitReached e) {
            ctx.writeAndFlush("* " + e.getMessage()).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        LOG.info("{} joined room {} on the plain-text port from {}", member, member.room.name(), ctx.channel().remoteAddress());
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        if (member == null) return; // refused at the door, closing
        String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
        if (text.isBlank()) return;
        member.framesIn.incrementAndGet();
        Frame frame = Frame.text(member.id, sequence++, ClockEstimator.nowMicros(), text);
        ByteBuf encoded;
        try {
            encoded = FrameCodec.encode(frame, ctx.alloc());
        } finally {
            frame.release();
        }
        try {
            member.room.fanOut(member, MessageType.TEXT, (long) member.id << 16, encoded);
        } finally {
            encoded.release();
        }
    }

    /** A member of this client's room, to name the author of a line. */
    Member find(int id) {
        return member == null ? null : member.room.find(id);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (member != null) {
            relay.exit(member, Messages.LeaveReason.CONNECTION_LOST);
            member.queue.release();
            LOG.info("{} left room {} (plain-text port)", member, member.room.name());
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            // The decoder skipped the line; say so instead of dropping it silently, and read on.
            ctx.writeAndFlush("* that line was longer than " + config.maxLineBytes() + " bytes and was not sent");
        } else if (cause instanceof IOException) {
            LOG.debug("Plain-text connection {} failed: {}", member, cause.toString());
            ctx.close();
        } else {
            LOG.warn("Closing plain-text connection {}: {}", member, cause.toString());
            ctx.close();
        }
    }
}
