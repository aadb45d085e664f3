package dev.parley.relay.internal;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Messages;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.ProtocolViolation;
import dev.parley.protocol.ClockEstimator;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import dev.parley.protocol.ParleyFrameDecoder;
import dev.parley.security.RoomPassphrase;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the relay: handshake, then media fan-out, flow control, clock pings and leaving. Any protocol
 * violation is answered with one ERROR and one log line, and closes only this connection.
 */
final class RelayConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RelayConnection.class);

    private final RoomDirectory server;
    private final RelaySettings settings;
    private Member member;
    private InetAddress address;
    /** A HELLO for a protected room, waiting for the AUTH that answers {@link #challenge}. */
    private Messages.Hello pendingHello;
    private Challenge challenge;

    /** The CHALLENGE this connection was sent. */
    private record Challenge(RoomLocks.Lock lock, byte[] nonce) {
    }

    /** The ERROR for a connection refused at the door of a TLS relay, sent once its TLS handshake is done. */
    private Frame refusal;
    private SenderLimits limits;
    private ScheduledFuture<?> handshakeTimeout;
    private Messages.LeaveReason leaveReason = Messages.LeaveReason.CONNECTION_LOST;
    private boolean failed;
    /** VIDEO frames taken in from this member (a wrapping count), and whether the latest are unacknowledged. */
    private int videoTakenIn;
    private boolean videoToAcknowledge;

    RelayConnection(RoomDirectory server, RelaySettings settings) {
        this.server = server;
        this.settings = settings;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        address = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
        String refused = server.gate().admit(address, settings);
        if (refused != null) {
            address = null; // not counted by the gate
            failed = true;
            LOG.warn("Refusing {}: {}", ctx.channel().remoteAddress(), refused);
            Frame error = new Messages.Error(ErrorCode.LIMIT_REACHED, refused).toFrame();
            if (ctx.pipeline().get("tls") == null) {
                ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
            } else {
                // Said inside TLS, once the handshake is done, so the client can read why; closed in any case.
                refusal = error;
                ctx.executor().schedule(() -> ctx.close(), 2, TimeUnit.SECONDS);
            }
            return;
        }
        handshakeTimeout = ctx.executor().schedule(() -> fail(ctx, ErrorCode.HANDSHAKE_TIMEOUT,
                        "no HELLO within " + settings.handshakeTimeoutMillis() + " ms"),
                settings.handshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        try {
            if (failed) return;
            if (member == null && challenge != null) {
                authenticate(ctx, frame);
            } else if (member == null) {
                handshake(ctx, frame);
            } else {
                joined(ctx, frame);
            }
        } catch (RuntimeException e) {
            if (e instanceof ProtocolViolation v) {
                fail(ctx, v.errorCode(), e.getMessage());
            } else if (member == null) {
                // Before the handshake completed there is no call to keep: say so and close.
                server.errors().failed("handling " + frame.type() + " from " + describe(ctx), frame, e);
                fail(ctx, ErrorCode.INTERNAL, "internal error");
            } else {
                // The relay's bug is not the client's fault: drop the frame, keep the connection, tell the operator.
                server.errors().failed("handling " + frame.type() + " from " + describe(ctx), frame, e);
            }
        } finally {
            frame.release();
        }
    }

    private void handshake(ChannelHandlerContext ctx, Frame frame) {
        if (frame.type() != MessageType.HELLO) {
            throw new ProtocolViolationException(ErrorCode.UNEXPECTED_MESSAGE,
                    "expected HELLO first, got " + frame.type());
        }
        Messages.Hello hello = Messages.Hello.from(frame);
        if (hello.role() != Messages.Role.CLIENT) {
            throw new ProtocolViolationException(ErrorCode.WRONG_ROLE,
                    "this is a Parley relay, not a peer: connect to it as a relay client");
        }
        RoomLocks locks = server.locks();
        RoomLocks.Lock lock = locks.lock(hello.room());
        if (lock != null) {
            // A protected room: prove the passphrase first. An address that failed recently waits longer each time.
            pendingHello = hello;
            byte[] nonce = RoomPassphrase.randomBytes(RoomPassphrase.NONCE_BYTES);
            challenge = new Challenge(lock, nonce);
            Frame question = new Messages.Challenge("argon2id", lock.cost().memoryKiB(), lock.cost().iterations(),
                    lock.cost().parallelism(), lock.salt(), nonce).toFrame();
            long delay = locks.delayMillis(address);
            if (delay == 0) {
                ctx.writeAndFlush(question, ctx.voidPromise());
            } else {
                ctx.executor().schedule(() -> ctx.writeAndFlush(question, ctx.voidPromise()), delay, TimeUnit.MILLISECONDS);
            }
            return;
        }
        join(ctx, hello);
    }

    /** The answer to this connection's CHALLENGE: right, and it joins; wrong, and it gets "authentication failed". */
    private void authenticate(ChannelHandlerContext ctx, Frame frame) {
        if (frame.type() != MessageType.AUTH) {
            throw new ProtocolViolationException(ErrorCode.UNEXPECTED_MESSAGE, "expected AUTH after CHALLENGE, got " + frame.type());
        }
        Messages.Auth auth = Messages.Auth.from(frame);
        Challenge c = challenge;
        Messages.Hello hello = pendingHello;
        challenge = null;
        pendingHello = null;
        if (!RoomPassphrase.verify(c.lock().key(), c.nonce(), hello.room(), hello.name(), auth.response())) {
            server.locks().failed(address);
            throw new ProtocolViolationException(ErrorCode.AUTH_FAILED, "authentication failed");
        }
        server.locks().succeeded(address);
        join(ctx, hello);
    }

    private void join(ChannelHandlerContext ctx, Messages.Hello hello) {
        try {
            member = server.enter(hello.room(), (id, room) -> {
                Member m = new Member(id, hello.name(), room, ctx.channel(), settings, server.errors(), false,
                        () -> tooSlow(ctx));
                // WELCOME goes out before the roster the room sends the newcomer.
                ctx.writeAndFlush(new Messages.Welcome(id, room.name(), settings.maxPayload(), settings.videoWindow(),
                        RelayServer.SERVER_NAME).toFrame(), ctx.voidPromise());
                return m;
            });
        } catch (LimitReached e) {
            throw new ProtocolViolationException(ErrorCode.LIMIT_REACHED, e.getMessage());
        }
        handshakeTimeout.cancel(false);
        server.gate().joined();
        limits = new SenderLimits(settings, System.nanoTime());
        // Joined: media may now be as long as maxPayload, and reads as large as the traffic needs.
        ((ParleyFrameDecoder) ctx.pipeline().get("decoder")).handshakeDone();
        WebSocketFrames webSocket = ctx.pipeline().get(WebSocketFrames.class);
        if (webSocket != null) webSocket.joined(ctx.pipeline());
        ctx.channel().config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator());
        ctx.pipeline().addBefore(ctx.name(), "idle",
                new IdleStateHandler(settings.idleTimeoutMillis(), 0, 0, TimeUnit.MILLISECONDS));
        LOG.info("{} joined room {} as {} from {}", hello.name(), member.room.name(), member.id, ctx.channel().remoteAddress());
    }

    private void joined(ChannelHandlerContext ctx, Frame frame) {
        switch (frame.type()) {
            case VIDEO, AUDIO, TEXT -> forward(ctx, frame);
            case RECEIVED -> member.queue.acknowledged(Messages.Received.from(frame).videoFrames());
            case PING -> {
                long t2 = ClockEstimator.nowMicros();
                Messages.Ping ping = Messages.Ping.from(frame);
                ctx.writeAndFlush(new Messages.Pong(ping.t1(), t2, ClockEstimator.nowMicros()).toFrame(), ctx.voidPromise());
            }
            case PONG -> Messages.Pong.from(frame);
            case CODECS -> {
                // Counted as a chat message against the sender's share: it goes to everyone in the room.
                long wait = limits.charge(MessageType.TEXT, frame.payload().readableBytes(), System.nanoTime());
                if (wait > 0) pauseReading(ctx, wait);
                member.room.announce(member, Messages.Codecs.from(frame).names());
            }
            case KEYFRAME_REQUEST -> {
                Messages.KeyframeRequest request = Messages.KeyframeRequest.from(frame);
                Member target = member.room.find(request.target());
                if (target != null && target != member) {
                    target.send(new Messages.KeyframeRequest(member.id, request.target(), request.stream()).toFrame());
                }
            }
            case BYE -> {
                leaveReason = Messages.LeaveReason.BYE;
                LOG.info("{} left: {}", member, Messages.Bye.from(frame).reason());
                ctx.close();
            }
            case ERROR -> {
                Messages.Error error = Messages.Error.from(frame);
                LOG.warn("{} reported {}: {}; closing its connection", member, error.code(), error.message());
                leaveReason = Messages.LeaveReason.PROTOCOL_ERROR;
                ctx.close();
            }
            default -> throw new ProtocolViolationException(ErrorCode.UNEXPECTED_MESSAGE,
                    frame.type() + " is not sent by clients");
        }
    }

    private void forward(ChannelHandlerContext ctx, Frame frame) {
        member.framesIn.incrementAndGet();
        if (frame.type() == MessageType.VIDEO) {
            videoTakenIn++;
            videoToAcknowledge = true;
        }
        long wait = limits.charge(frame.type(), frame.payload().readableBytes(), System.nanoTime());
        if (wait > 0) pauseReading(ctx, wait);
        Frame stamped = frame.withSender(member.id);
        ByteBuf encoded;
        try {
            encoded = FrameCodec.encodeContiguous(stamped, ctx.alloc());
        } finally {
            stamped.release();
        }
        try {
            long streamKey = ((long) member.id << 16) | frame.stream();
            member.room.fanOut(member, frame.type(), streamKey, encoded);
        } finally {
            encoded.release();
        }
    }

    /**
     * The sender went over its fair share: this frame is still forwarded (nothing is ever dropped for it), but the
     * relay reads nothing more from it until it is back within its share, so TCP slows the sender down.
     */
    private void pauseReading(ChannelHandlerContext ctx, long nanos) {
        if (!ctx.channel().config().isAutoRead()) return;
        member.throttled.incrementAndGet();
        ctx.channel().config().setAutoRead(false);
        ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) ctx.channel().config().setAutoRead(true);
        }, nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * End of a read batch: tell the sender how much of its video the relay has taken in, so its window opens
     * (docs/PROTOCOL.md, section 8). Counts are cumulative, so one skipped while the sender is not reading what the
     * relay writes costs nothing: the next one covers it, and nothing piles up for a sender that never reads.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (videoToAcknowledge && member != null && ctx.channel().isWritable()) {
            videoToAcknowledge = false;
            // Encoded here, as the forwarded frames are: the socket's writes stay plain buffers.
            Frame received = new Messages.Received(videoTakenIn).toFrame();
            try {
                member.queue.acknowledge(FrameCodec.encodeContiguous(received, ctx.alloc()));
            } finally {
                received.release();
            }
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (member != null && ctx.channel().isWritable()) member.queue.writable();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && refusal != null) {
            Frame error = refusal;
            refusal = null;
            if (done.isSuccess()) {
                ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
            } else {
                error.release();
                ctx.close();
            }
            return;
        }
        if (evt instanceof IdleStateEvent && member != null) {
            server.counted(Messages.LeaveReason.TIMEOUT);
            leaveReason = Messages.LeaveReason.TIMEOUT;
            drop(ctx, ErrorCode.IDLE_TIMEOUT, "nothing received for " + settings.idleTimeoutMillis() + " ms");
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ProtocolViolation v) {
            fail(ctx, v.errorCode(), root.getMessage());
        } else if (root instanceof IOException) {
            LOG.debug("Connection {} failed: {}", describe(ctx), root.toString());
            ctx.close();
        } else {
            server.errors().failed("on connection " + describe(ctx), null, root);
            if (member == null) fail(ctx, ErrorCode.INTERNAL, "internal error");
        }
    }

    /**
     * This member let TEXT and control messages pile up beyond the relay's limit: it is the one not reading. Its
     * queue is already released; it gets ERROR TOO_SLOW (which it may never read) and the others LEFT "too slow".
     */
    private void tooSlow(ChannelHandlerContext ctx) {
        if (failed) return;
        server.counted(Messages.LeaveReason.TOO_SLOW);
        leaveReason = Messages.LeaveReason.TOO_SLOW;
        drop(ctx, ErrorCode.TOO_SLOW, "it reads too slowly: " + settings.textQueueLimit() + " chat and control messages wait unread");
    }

    /**
     * Disconnects a member the relay gives up on, with one log line and an ERROR that says why. The ERROR goes
     * after whatever the socket still holds, so the connection closes when it is written or after one second.
     */
    private void drop(ChannelHandlerContext ctx, ErrorCode code, String why) {
        failed = true;
        LOG.warn("Disconnecting {}: {} ({})", describe(ctx), why, code);
        if (!ctx.channel().isActive()) return;
        ChannelFuture written = ctx.writeAndFlush(new Messages.Error(code, why).toFrame());
        written.addListener(ChannelFutureListener.CLOSE);
        ctx.executor().schedule(() -> ctx.close(), 1, TimeUnit.SECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (refusal != null) {
            refusal.release();
            refusal = null;
        }
        if (handshakeTimeout != null) handshakeTimeout.cancel(false);
        if (address != null) server.gate().closed(address, member != null);
        if (member != null) {
            server.exit(member, leaveReason);
            member.queue.release();
            if (leaveReason != Messages.LeaveReason.BYE) LOG.info("{} left room {}: {}", member, member.room.name(), leaveReason.text());
        }
        ctx.fireChannelInactive();
    }

    /** Answers a violation with ERROR, logs one line and closes this connection only. */
    private void fail(ChannelHandlerContext ctx, ErrorCode code, String message) {
        if (failed) return;
        failed = true;
        leaveReason = code == ErrorCode.HANDSHAKE_TIMEOUT ? Messages.LeaveReason.TIMEOUT : Messages.LeaveReason.PROTOCOL_ERROR;
        if (code != ErrorCode.HANDSHAKE_TIMEOUT && code != ErrorCode.LIMIT_REACHED && code != ErrorCode.INTERNAL
                && code != ErrorCode.AUTH_FAILED) {
            server.counted(Messages.LeaveReason.PROTOCOL_ERROR);
        }
        LOG.warn("Closing {}: {} ({})", describe(ctx), message, code);
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new Messages.Error(code, message).toFrame()).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private String describe(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() + (member == null ? "" : " (" + member + ")");
    }

    /**
     * A violation found by the relay itself rather than by the frame decoder; handled on the same path as the
     * decoder's ({@link ProtocolViolation}): one ERROR, one log line, this connection closed.
     */
    static final class ProtocolViolationException extends RuntimeException implements ProtocolViolation {
        private static final long serialVersionUID = 1L;
        private final transient ErrorCode code;

        ProtocolViolationException(ErrorCode code, String message) {
            super(message);
            this.code = code;
        }

        @Override
        public ErrorCode errorCode() {
            return code;
        }
    }
}
