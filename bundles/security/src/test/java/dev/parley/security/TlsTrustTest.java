package dev.parley.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates made once and kept, and the client's trust decisions, over real TLS 1.3 handshakes on loopback. */
class TlsTrustTest {
    @TempDir
    Path dir;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<Channel> channels = new ArrayList<>();

    @AfterEach
    void stop() {
        channels.forEach(Channel::close);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void aCertificateIsMadeOnceAndKeptWithItsFingerprint() throws Exception {
        RelayCertificate first = RelayCertificate.loadOrCreate(dir, "relay", "parley relay");
        RelayCertificate again = RelayCertificate.loadOrCreate(dir, "relay", "parley relay");
        assertEquals(first.fingerprint(), again.fingerprint());
        assertTrue(first.fingerprint().matches("([0-9a-f]{2}:){31}[0-9a-f]{2}"), first.fingerprint());
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(first.privateKey())));
        }
        RelayCertificate other = RelayCertificate.loadOrCreate(dir, "other", "parley relay");
        assertNotEquals(first.fingerprint(), other.fingerprint());
    }

    @Test
    void fingerprintsAreReadAsUsersTypeThem() {
        String f = "3f:2a:" + "00:".repeat(29) + "ff";
        assertEquals(f, Fingerprint.normalize("SHA256:3F2A" + "00".repeat(29) + "FF"));
        assertThrows(IllegalArgumentException.class, () -> Fingerprint.normalize("3f:2a"));
    }

    @Test
    void theFirstConnectionTrustsAndRemembersTheSecondChecksAndAChangedCertificateIsRefused() throws Exception {
        RelayCertificate relay = RelayCertificate.loadOrCreate(dir.resolve("tls"), "relay", "parley relay");
        int port = serve(Tls.server(relay));
        KnownRelays known = new KnownRelays(dir.resolve("known-relays"));
        List<String> notices = new ArrayList<>();
        String hostPort = "127.0.0.1:" + port;

        assertEquals("hello", exchange(port, new TrustOnFirstUse(hostPort, known, "", notices::add)));
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).contains(relay.fingerprint()), notices.get(0));
        assertEquals(relay.fingerprint(), new KnownRelays(dir.resolve("known-relays")).fingerprint(hostPort), "written to the file");

        assertEquals("hello", exchange(port, new TrustOnFirstUse(hostPort, known, "", notices::add)));
        assertEquals(1, notices.size(), "no notice the second time");

        // The relay is replaced by one with another certificate on the same address.
        RelayCertificate impostor = RelayCertificate.loadOrCreate(dir.resolve("elsewhere"), "relay", "parley relay");
        int port2 = serve(Tls.server(impostor));
        known.remember("127.0.0.1:" + port2, relay.fingerprint());
        Throwable refused = failure(port2, new TrustOnFirstUse("127.0.0.1:" + port2, known, "", notices::add));
        assertInstanceOf(TrustOnFirstUse.UntrustedRelayException.class, refused);
        assertTrue(refused.getMessage().contains("different certificate"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--trust " + impostor.fingerprint()), refused.getMessage());
    }

    @Test
    void aFingerprintGivenWithTrustMustMatch() throws Exception {
        RelayCertificate relay = RelayCertificate.loadOrCreate(dir.resolve("tls"), "relay", "parley relay");
        int port = serve(Tls.server(relay));
        KnownRelays memory = new KnownRelays(null);
        assertEquals("hello", exchange(port, new TrustOnFirstUse("h:1", memory, relay.fingerprint(), s -> { })));
        String wrong = "00:".repeat(31) + "00";
        Throwable refused = failure(port, new TrustOnFirstUse("h:2", memory, wrong, s -> { }));
        assertInstanceOf(TrustOnFirstUse.UntrustedRelayException.class, refused);
    }

    @Test
    void boringSslIsUsedWhereItLoadsAndTheJdksTlsWhenAskedFor() {
        // The tests run where the distribution ships BoringSSL (Linux x86-64) and have it on their class path.
        assertEquals(SslProvider.OPENSSL, Tls.choose(""), "BoringSSL did not load: " + OpenSsl.unavailabilityCause());
        assertEquals(SslProvider.JDK, Tls.choose("jdk"));
        assertEquals(SslProvider.JDK, Tls.choose(" JDK "));
        assertTrue(Tls.implementation().contains("BoringSSL"), Tls.implementation());
    }

    @Test
    void eitherSideMayUseEitherTlsAndTrustOnFirstUseHoldsWithBoth() throws Exception {
        RelayCertificate relay = RelayCertificate.loadOrCreate(dir.resolve("tls"), "relay", "parley relay");
        String wrong = "00:".repeat(31) + "00";
        for (SslProvider server : List.of(SslProvider.JDK, SslProvider.OPENSSL)) {
            int port = serve(Tls.server(relay, server));
            for (SslProvider client : List.of(SslProvider.JDK, SslProvider.OPENSSL)) {
                String pair = server + " relay, " + client + " client";
                KnownRelays memory = new KnownRelays(null);
                assertEquals("hello", exchange(port, Tls.client(new TrustOnFirstUse("h:1", memory, relay.fingerprint(), s -> { }), client)), pair);
                Throwable refused = failure(port, Tls.client(new TrustOnFirstUse("h:2", memory, wrong, s -> { }), client));
                assertInstanceOf(TrustOnFirstUse.UntrustedRelayException.class, refused, pair);
            }
        }
    }

    /** A TLS server that writes "hello" to whoever connects. */
    private int serve(SslContext context) throws InterruptedException {
        Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(context.newHandler(ch.alloc()));
                        ch.writeAndFlush(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII));
                    }
                }).bind("127.0.0.1", 0).sync().channel();
        channels.add(server);
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private String exchange(int port, TrustOnFirstUse trust) throws Exception {
        return exchange(port, Tls.client(trust));
    }

    private String exchange(int port, SslContext context) throws Exception {
        CompletableFuture<String> got = new CompletableFuture<>();
        connect(port, context, got);
        return got.get(10, TimeUnit.SECONDS);
    }

    private Throwable failure(int port, TrustOnFirstUse trust) throws Exception {
        return failure(port, Tls.client(trust));
    }

    private Throwable failure(int port, SslContext context) throws Exception {
        CompletableFuture<String> got = new CompletableFuture<>();
        connect(port, context, got);
        ExecutionException e = assertThrows(ExecutionException.class, () -> got.get(10, TimeUnit.SECONDS));
        Throwable t = e.getCause();
        while (t.getCause() != null && !(t instanceof TrustOnFirstUse.UntrustedRelayException)) t = t.getCause();
        return t;
    }

    private void connect(int port, SslContext context, CompletableFuture<String> got) throws InterruptedException {
        Channel c = new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                SslHandler ssl = context.newHandler(ch.alloc(), "127.0.0.1", port);
                ssl.handshakeFuture().addListener(f -> {
                    if (!f.isSuccess()) got.completeExceptionally(f.cause());
                });
                ch.pipeline().addLast(ssl, new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        got.complete(((ByteBuf) msg).toString(StandardCharsets.US_ASCII));
                        ((ByteBuf) msg).release();
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        got.completeExceptionally(cause);
                        ctx.close();
                    }
                });
            }
        }).connect("127.0.0.1", port).sync().channel();
        channels.add(c);
    }
}
