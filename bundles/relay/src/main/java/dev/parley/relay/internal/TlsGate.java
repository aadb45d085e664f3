package dev.parley.relay.internal;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.Messages;
import dev.parley.security.Tls;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of a TLS relay's connection: once five bytes have arrived, a TLS handshake gets the relay's
 * {@code SslHandler} in this handler's place; anything else (a client started with {@code --plaintext}) gets a
 * plain ERROR {@code TLS_REQUIRED} that says what to do, and the connection closes.
 */
final class TlsGate extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(TlsGate.class);
    private final SslContext context;

    TlsGate(SslContext context) {
        this.context = context;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < 5) return;
        if (Tls.startsTls(in)) {
            ctx.pipeline().replace(this, "tls", context.newHandler(ctx.alloc()));
            return;
        }
        in.skipBytes(in.readableBytes());
        LOG.info("Refusing {}: it does not speak TLS", ctx.channel().remoteAddress());
        ByteBuf error = FrameCodec.encode(new Messages.Error(ErrorCode.TLS_REQUIRED,
                "this relay speaks TLS only: connect without --plaintext").toFrame(), ctx.alloc());
        ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
    }
}
