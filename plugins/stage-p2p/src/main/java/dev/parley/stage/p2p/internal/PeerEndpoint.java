package dev.parley.stage.p2p.internal;

import dev.parley.protocol.NettyTransport;
import dev.parley.protocol.ParleyFrameDecoder;
import dev.parley.protocol.ParleyFrameEncoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;
import dev.parley.security.KnownRelays;
import dev.parley.security.RelayCertificate;
import dev.parley.security.Tls;
import dev.parley.security.TrustOnFirstUse;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network side of a peer-to-peer call: listens for the peer, or connects to it and tries again with backoff
 * until it answers (the other side may start later), and again after the peer goes away.
 */
final class PeerEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerEndpoint.class);
    /** A peer accepts frames up to this size. */
    static final int MAX_PAYLOAD = 16 * 1024 * 1024;
    private static final long MIN_BACKOFF_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 5000;

    private final PeerCall call;
    private final PeerAddress address;
    private final NettyTransport transport = NettyTransport.best();
    private final EventLoopGroup group;
    private volatile Channel listener;
    private SslContext tls;
    private String fingerprint;
    private volatile boolean closed;
    private long backoffMillis = MIN_BACKOFF_MILLIS;

    PeerEndpoint(PeerCall call, PeerAddress address) {
        this.call = call;
        this.address = address;
        this.group = transport.newGroup(2, new DefaultThreadFactory("parley-p2p", true));
    }

    /** Binds (listening) or starts connecting, and returns at once. */
    PeerEndpoint start() {
        if (address.tls()) tls = address.listen() ? serverTls() : clientTls();
        if (address.listen()) {
            ServerBootstrap b = new ServerBootstrap().group(group).channel(transport.serverChannel())
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 512 * 1024))
                    .childHandler(pipeline(true));
            try {
                listener = b.bind(address.host(), address.port()).sync().channel();
            } catch (Exception e) {
                group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
                throw new IllegalStateException("cannot listen on " + address.host() + ":" + address.port() + ": " + e.getMessage(), e);
            }
            if (fingerprint != null) {
                LOG.info("{} waits for a peer on {}:{} (TLS 1.3; certificate fingerprint {})", address.name(),
                        address.host(), address.port(), fingerprint);
            } else {
                LOG.warn("{} waits for a peer on {}:{} in PLAINTEXT: anyone on the network can read the call",
                        address.name(), address.host(), address.port());
            }
        } else {
            connect();
        }
        return this;
    }

    private ChannelInitializer<Channel> pipeline(boolean listening) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                if (tls != null) {
                    ch.pipeline().addLast("tls", listening ? tls.newHandler(ch.alloc())
                            : tls.newHandler(ch.alloc(), address.host(), address.port()));
                }
                ch.pipeline()
                        .addLast("decoder", new ParleyFrameDecoder(MAX_PAYLOAD))
                        .addLast("encoder", ParleyFrameEncoder.INSTANCE)
                        .addLast("peer", new PeerSession(call, listening));
            }
        };
    }

    private SslContext serverTls() {
        try {
            RelayCertificate certificate = RelayCertificate.loadOrCreate(configFolder().resolve("tls"), "peer",
                    "Parley peer " + address.name());
            fingerprint = certificate.fingerprint();
            return Tls.server(certificate);
        } catch (IOException e) {
            throw new IllegalStateException("cannot make or read this peer's certificate: " + e.getMessage(), e);
        }
    }

    private SslContext clientTls() {
        return Tls.client(new TrustOnFirstUse(address.host() + ":" + address.port(),
                new KnownRelays(configFolder().resolve("known-relays")), address.trust(), n -> LOG.warn("{}", n)));
    }

    /** The distribution's config/ folder, where certificates and trusted fingerprints are kept. */
    private static Path configFolder() {
        String home = System.getProperty("parley.home");
        return home != null ? Path.of(home, "config") : Path.of(System.getProperty("user.home"), ".parley");
    }

    private void connect() {
        if (closed) return;
        Bootstrap b = new Bootstrap().group(group).channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 512 * 1024))
                .handler(pipeline(false));
        ChannelFuture attempt = b.connect(address.host(), address.port());
        attempt.addListener(f -> {
            if (f.isSuccess()) {
                backoffMillis = MIN_BACKOFF_MILLIS;
                attempt.channel().closeFuture().addListener(x -> retry());
            } else {
                LOG.debug("No peer at {}:{} yet: {}", address.host(), address.port(), f.cause().toString());
                call.waiting("no peer at " + address.host() + ":" + address.port() + " yet; trying again");
                retry();
            }
        });
    }

    /** After a failed attempt or a finished session: try again unless the call is over. */
    private void retry() {
        if (closed || call.isOver()) return;
        long delay = backoffMillis;
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        try {
            group.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shutting down.
        }
    }

    @Override
    public void close() {
        closed = true;
        Channel l = listener;
        if (l != null) l.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
