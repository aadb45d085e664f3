package dev.parley.stage.p2p.internal;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import dev.parley.protocol.ProtocolViolation;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import dev.parley.security.TrustOnFirstUse;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection between two peers. The handshake is the relay's, with role PEER both ways: the connecting side
 * sends HELLO, the listening side checks it and answers with its own HELLO (or ERROR), and from then on both send
 * media, PING, PONG, RECEIVED and BYE. Talking to the wrong kind of endpoint ends in one clear ERROR: a relay
 * client that connects here is told this is a peer, and a relay answering our HELLO says it is a relay.
 */
final class PeerSession extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PeerSession.class);
    static final String ROOM = "p2p";
    private static final long HANDSHAKE_MILLIS = 10_000;

    private final PeerCall call;
    private final boolean listening;
    private boolean established;
    private boolean failed;
    private String leaveReason = "connection lost";
    private ScheduledFuture<?> handshakeTimeout;

    PeerSession(PeerCall call, boolean listening) {
        this.call = call;
        this.listening = listening;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!listening) {
            ctx.writeAndFlush(new Messages.Hello(Messages.Role.PEER, call.name(), ROOM, "").toFrame(), ctx.voidPromise());
        }
        handshakeTimeout = ctx.executor().schedule(() -> fail(ctx, ErrorCode.HANDSHAKE_TIMEOUT,
                "no HELLO within " + HANDSHAKE_MILLIS + " ms"), HANDSHAKE_MILLIS, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame frame = (Frame) msg;
        try {
            if (failed) return;
            if (established) {
                inSession(ctx, frame);
            } else {
                handshake(ctx, frame);
            }
        } catch (RuntimeException e) {
            ErrorCode code = e instanceof ProtocolViolation v ? v.errorCode() : ErrorCode.MALFORMED;
            fail(ctx, code, e.getMessage());
        } finally {
            frame.release();
        }
    }

    private void handshake(ChannelHandlerContext ctx, Frame frame) {
        if (frame.type() == MessageType.ERROR) {
            Messages.Error error = Messages.Error.from(frame);
            failed = true;
            if (error.code() == ErrorCode.WRONG_ROLE) {
                call.refused("that is a Parley relay, not a peer: use parley client (or a relay stage: parley stage 2, 4 or 5 "
                        + "--server HOST)", error);
            } else {
                call.refused("the peer refused: " + error.message() + " (" + error.code() + ")", error);
            }
            ctx.close();
            return;
        }
        if (frame.type() != MessageType.HELLO) {
            fail(ctx, ErrorCode.UNEXPECTED_MESSAGE, "expected HELLO first, got " + frame.type());
            return;
        }
        Messages.Hello hello = Messages.Hello.from(frame);
        if (hello.role() != Messages.Role.PEER) {
            fail(ctx, ErrorCode.WRONG_ROLE, "this is a Parley peer, not a relay: talk to it with parley stage 1 or 3 "
                    + "--connect HOST[:PORT]");
            return;
        }
        if (listening) {
            if (!call.accept(ctx.channel())) {
                fail(ctx, ErrorCode.UNEXPECTED_MESSAGE, "this peer is already in a call with someone else");
                return;
            }
            ctx.writeAndFlush(new Messages.Hello(Messages.Role.PEER, call.name(), ROOM, "").toFrame(), ctx.voidPromise());
        } else if (!call.accept(ctx.channel())) {
            ctx.close();
            return;
        }
        handshakeTimeout.cancel(false);
        established = true;
        call.started(ctx.channel(), hello.name());
    }

    private void inSession(ChannelHandlerContext ctx, Frame frame) {
        switch (frame.type()) {
            case VIDEO, AUDIO, TEXT, PING, PONG, RECEIVED, KEYFRAME_REQUEST -> call.received(ctx.channel(), frame);
            case BYE -> {
                leaveReason = "left";
                LOG.info("The peer left: {}", Messages.Bye.from(frame).reason());
                ctx.close();
            }
            case ERROR -> {
                Messages.Error error = Messages.Error.from(frame);
                LOG.warn("The peer reported {}: {}; closing", error.code(), error.message());
                leaveReason = "protocol error";
                failed = true;
                ctx.close();
            }
            default -> fail(ctx, ErrorCode.UNEXPECTED_MESSAGE, frame.type() + " is not sent between peers");
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (established) call.readComplete(ctx.channel());
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (established) call.writable(ctx.channel());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (handshakeTimeout != null) handshakeTimeout.cancel(false);
        if (established) call.ended(ctx.channel(), leaveReason);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TrustOnFirstUse.UntrustedRelayException u) {
                call.refusedTls(u.getMessage());
                ctx.close();
                return;
            }
            if (t instanceof NotSslRecordException) {
                // A listener refuses one plaintext peer and waits for the next; a connector stops.
                if (listening) {
                    LOG.warn("A peer at {} does not speak TLS (--plaintext on its side?); closing", ctx.channel().remoteAddress());
                } else {
                    call.refusedTls("the peer does not speak TLS; use --plaintext on both sides or on neither");
                }
                ctx.close();
                return;
            }
        }
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof ProtocolViolation v) {
            fail(ctx, v.errorCode(), root.getMessage());
        } else if (root instanceof IOException) {
            LOG.debug("Peer connection {} failed: {}", ctx.channel().remoteAddress(), root.toString());
            ctx.close();
        } else {
            LOG.warn("Peer connection {} failed", ctx.channel().remoteAddress(), root);
            fail(ctx, ErrorCode.INTERNAL, "internal error");
        }
    }

    /** Answers a violation with one ERROR and one log line, and closes. */
    private void fail(ChannelHandlerContext ctx, ErrorCode code, String message) {
        if (failed) return;
        failed = true;
        leaveReason = "protocol error";
        LOG.warn("Closing the connection from {}: {} ({})", ctx.channel().remoteAddress(), message, code);
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new Messages.Error(code, message).toFrame()).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
