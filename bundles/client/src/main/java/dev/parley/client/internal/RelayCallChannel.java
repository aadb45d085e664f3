package dev.parley.client.internal;

import dev.parley.protocol.Frame;
import dev.parley.protocol.ParleyFrameDecoder;
import dev.parley.protocol.ParleyFrameEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import dev.parley.security.TrustOnFirstUse;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The pipeline of one connection of a {@link RelayCall}: Parley framing, then the call's events. */
final class RelayCallChannel extends ChannelInitializer<Channel> {
    private static final Logger LOG = LoggerFactory.getLogger(RelayCallChannel.class);
    /** The client accepts frames up to this size; the relay's own limit is usually smaller. */
    static final int MAX_PAYLOAD = 16 * 1024 * 1024;

    private final RelayCall call;

    /** Why TLS cannot work with this relay, if that is what went wrong; null otherwise. */
    static String refusal(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TrustOnFirstUse.UntrustedRelayException u) return u.getMessage();
            if (t instanceof NotSslRecordException) {
                return "the relay does not speak TLS (it was started with --plaintext?); join it with --plaintext to "
                        + "talk in the clear";
            }
        }
        return null;
    }

    RelayCallChannel(RelayCall call) {
        this.call = call;
    }

    @Override
    protected void initChannel(Channel ch) {
        SslContext tls = call.tls();
        if (tls != null) {
            InetSocketAddress relay = (InetSocketAddress) ch.remoteAddress();
            ch.pipeline().addLast("tls", relay == null ? tls.newHandler(ch.alloc()) : tls.newHandler(ch.alloc(),
                    relay.getHostString(), relay.getPort()));
        }
        ch.pipeline()
                .addLast("decoder", new ParleyFrameDecoder(MAX_PAYLOAD))
                .addLast("encoder", ParleyFrameEncoder.INSTANCE)
                .addLast("call", new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelActive(ChannelHandlerContext ctx) {
                        call.channelActive(ctx.channel());
                    }

                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        Frame frame = (Frame) msg;
                        try {
                            call.frameReceived(ctx.channel(), frame);
                        } catch (RuntimeException e) {
                            LOG.warn("Closing the relay connection after a bad {}: {}", frame.type(), e.getMessage());
                            ctx.close();
                        } finally {
                            frame.release();
                        }
                    }

                    @Override
                    public void channelReadComplete(ChannelHandlerContext ctx) {
                        call.readComplete(ctx.channel());
                    }

                    @Override
                    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                        call.writable(ctx.channel());
                        ctx.fireChannelWritabilityChanged();
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        call.channelInactive(ctx.channel());
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        String refusal = refusal(cause);
                        if (refusal != null) {
                            call.refused(refusal);
                            ctx.close();
                            return;
                        }
                        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
                        if (root instanceof IOException) {
                            LOG.debug("Relay connection failed: {}", root.toString());
                        } else {
                            LOG.warn("Closing the relay connection: {}", root.toString());
                        }
                        ctx.close();
                    }
                });
    }
}
