package dev.parley.relay.internal;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.OptionalSslHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AttributeKey;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The pipeline of a connection to the relay's web port: the {@link WebGate} from the connect, TLS when the relay speaks it, HTTP first (the page's files, or the upgrade at
 * {@link WebRequests#CALL_PATH}), then, once upgraded, {@link WebSocketFrames} and the same relay handler as the TCP
 * port's.
 */
final class WebPort extends ChannelInitializer<SocketChannel> {
    /** Set on a connection that spoke plain HTTP to a port that speaks HTTPS: it gets a redirect, nothing else. */
    static final AttributeKey<Boolean> PLAIN_ON_TLS = AttributeKey.valueOf("parley.web.plainOnTls");

    /**
     * TLS for a client that starts a TLS handshake; a client that types http:// (a person at a browser) is let
     * through in the clear only so that {@link WebRequests} can send it to the https:// address.
     */
    private static final class HttpsOrRedirect extends OptionalSslHandler {
        HttpsOrRedirect(SslContext tls) {
            super(tls);
        }

        @Override
        protected ChannelHandler newNonSslHandler(ChannelHandlerContext context) {
            context.channel().attr(PLAIN_ON_TLS).set(Boolean.TRUE);
            return null;
        }
    }

    /** A request the web port takes: a GET and its headers, no body. */
    private static final int MAX_REQUEST_BYTES = 16 * 1024;

    private final RoomDirectory server;
    private final ChannelGroup channels;
    private final Supplier<WebAssets> assets;
    private final SslContext tls;

    /** @param tls the relay's TLS context for HTTPS, or null for plain HTTP */
    WebPort(RoomDirectory server, ChannelGroup channels, Supplier<WebAssets> assets, SslContext tls) {
        this.server = server;
        this.channels = channels;
        this.assets = assets;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        channels.add(ch);
        RelaySettings current = server.settings();
        ch.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(RelayServer.BEFORE_HANDSHAKE_READ_BYTES));
        WebSocketDecoderConfig decoder = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(WebSocketFrames.BEFORE_HANDSHAKE_MESSAGE)
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .build();
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath(WebRequests.CALL_PATH)
                .checkStartsWith(false)
                .handshakeTimeoutMillis(current.handshakeTimeoutMillis())
                .decoderConfig(decoder)
                .build();
        // Not named "tls": RelayConnection waits for the TLS handshake of a pipeline with one, and this handshake is
        // long done when the relay's handler is added at the upgrade.
        ch.pipeline().addLast("web-gate", new WebGate(server, current));
        if (tls != null) ch.pipeline().addLast("https", new HttpsOrRedirect(tls));
        ch.pipeline()
                .addLast("http", new HttpServerCodec(4096, 8192, 8192))
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                // Closes a connection that sends nothing for a while before it upgrades (browsers keep idle
                // connections open); removed by the upgrade, after which the relay's own timers apply.
                .addLast("http-idle", new IdleStateHandler(current.handshakeTimeoutMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("web", new WebRequests(server::settings, assets))
                .addLast("websocket", new WebSocketServerProtocolHandler(ws))
                .addLast("websocket-aggregator", new WebSocketFrameAggregator(WebSocketFrames.BEFORE_HANDSHAKE_MESSAGE))
                .addLast("websocket-frames", new WebSocketFrames(server, current, decoder));
    }
}
