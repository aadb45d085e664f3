package dev.parley.relay.internal;

import dev.parley.api.call.RelayStatus;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Messages;
import dev.parley.protocol.NettyTransport;
import dev.parley.protocol.ParleyFrameDecoder;
import dev.parley.protocol.ParleyFrameEncoder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import dev.parley.security.RelayCertificate;
import dev.parley.security.RoomPassphrase;
import dev.parley.security.Tls;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The relay: a Netty server holding rooms. Plain Java, so tests can run it without a framework. */
final class RelayServer implements RelayStatus, RoomDirectory, AutoCloseable {
    static final String SERVER_NAME = "parley-relay/0.1";
    /** Bytes read at a time from a connection that has not joined yet. */
    static final int BEFORE_HANDSHAKE_READ_BYTES = 2048;
    private static final Logger LOG = LoggerFactory.getLogger(RelayServer.class);

    private volatile RelaySettings settings;
    private volatile RoomLocks locks;
    private final Map<String, Room> rooms = new ConcurrentHashMap<>();
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final RelayErrors errors = new RelayErrors();
    private final AtomicLong joinedCount = new AtomicLong();
    private final AtomicLong tooSlow = new AtomicLong();
    private final AtomicLong idle = new AtomicLong();
    private final AtomicLong protocolErrors = new AtomicLong();
    private final ConnectionGate gate = new ConnectionGate();
    private final ChannelGroup channels = new DefaultChannelGroup("parley-relay", GlobalEventExecutor.INSTANCE);
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel serverChannel;
    private Channel webChannel;
    private int port;
    private int webPort;
    private volatile WebAssets webAssets = WebAssets.NONE;
    private volatile String fingerprint = "";

    RelayServer(RelaySettings settings) {
        this.settings = settings;
        this.locks = locksOf(settings);
    }

    private static RoomLocks locksOf(RelaySettings s) {
        return new RoomLocks(s.roomPassphrases(), new RoomPassphrase.Cost(s.passphraseMemoryKiB(), s.passphraseIterations(), 1));
    }

    @Override
    public RoomLocks locks() { return locks; }

    /** Binds and returns once the relay listens. */
    RelayServer start() throws InterruptedException {
        SslContext tls = null;
        if (settings.tls()) {
            try {
                RelayCertificate certificate = RelayCertificate.loadOrCreate(settings.certificateFolder(), "relay",
                        "Parley relay " + settings.host());
                tls = Tls.server(certificate);
                fingerprint = certificate.fingerprint();
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        SslContext sslContext = tls;
        NettyTransport transport = NettyTransport.best();
        boss = transport.newGroup(1, new DefaultThreadFactory("parley-relay-accept", true));
        int threads = settings.workerThreads() > 0 ? settings.workerThreads() : Runtime.getRuntime().availableProcessors();
        workers = transport.newGroup(threads, new DefaultThreadFactory("parley-relay", true));
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 256)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_SNDBUF, settings.sendBufferBytes())
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(settings.writeLowWaterMark(), settings.writeHighWaterMark()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        RelaySettings current = settings;
                        // Until HELLO: small reads and a HELLO-sized frame limit, so a connection that never joins
                        // makes the relay hold a few KB at most.
                        ch.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(BEFORE_HANDSHAKE_READ_BYTES));
                        if (sslContext != null) ch.pipeline().addLast("tls", new TlsGate(sslContext));
                        ch.pipeline()
                                .addLast("decoder", new ParleyFrameDecoder(current.maxPayload(), true))
                                .addLast("encoder", ParleyFrameEncoder.INSTANCE)
                                .addLast("relay", new RelayConnection(RelayServer.this, current));
                    }
                });
        try {
            serverChannel = b.bind(settings.host(), settings.port()).sync().channel();
        } catch (Exception e) {
            close();
            throw e;
        }
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        if (sslContext != null) {
            LOG.info("Relay listening on {}:{} ({}) with TLS 1.3 by {}; certificate fingerprint {}", settings.host(), port,
                    transport.name(), Tls.implementation(), fingerprint);
        } else {
            LOG.warn("Relay listening on {}:{} ({}) in PLAINTEXT: anyone on the network can read the chat and see the "
                    + "video; start without --plaintext for TLS", settings.host(), port, transport.name());
        }
        if (settings.webPort() != 0) startWeb(b, sslContext);
        return this;
    }

    /**
     * The browser endpoint (docs/PROTOCOL.md, "WebSocket binding"): the same event loops, socket options and relay
     * handler as the TCP port, behind HTTP and WebSocket framing; HTTPS with the relay's certificate when it speaks
     * TLS, since browsers give a page from another machine a camera and a microphone only over HTTPS.
     */
    private void startWeb(ServerBootstrap tcp, SslContext tls) throws InterruptedException {
        ServerBootstrap b = tcp.clone().childHandler(new WebPort(this, channels, () -> webAssets, tls));
        try {
            webChannel = b.bind(settings.host(), settings.webPort()).sync().channel();
        } catch (Exception e) {
            close();
            throw e;
        }
        webPort = ((InetSocketAddress) webChannel.localAddress()).getPort();
        if (tls != null) {
            LOG.info("Browser endpoint on https://{}:{}/ (the call at wss://HOST:{}{}) with the relay's self-signed "
                    + "certificate: browsers warn once; its fingerprint is {}", settings.host(), webPort, webPort,
                    WebRequests.CALL_PATH, fingerprint);
        } else {
            LOG.warn("Browser endpoint on http://{}:{}/ (the call at ws://HOST:{}{}), UNENCRYPTED like --plaintext",
                    settings.host(), webPort, webPort, WebRequests.CALL_PATH);
        }
    }

    /**
     * The page the web port serves from now on ({@link WebAssets#NONE}: none). When the page goes away, so do the
     * browsers that loaded it: each gets ERROR SHUTTING_DOWN saying why, and the call goes on for everyone else.
     */
    void webAssets(WebAssets assets) {
        WebAssets before = webAssets;
        webAssets = assets;
        if (assets != WebAssets.NONE || before == WebAssets.NONE) return;
        for (Channel ch : channels) {
            if (ch.pipeline().get(WebSocketFrames.class) == null || ch.pipeline().get("encoder") == null) continue;
            ch.eventLoop().execute(() -> ch.writeAndFlush(new Messages.Error(ErrorCode.SHUTTING_DOWN,
                    "the web page was removed from this relay; reload the page when it is back").toFrame())
                    .addListener(ChannelFutureListener.CLOSE));
        }
    }

    /** The web port's number once listening, 0 when it is off. */
    int webPort() { return webPort; }

    @Override
    public synchronized Member enter(String name, BiFunction<Integer, Room, Member> newcomer) {
        RelaySettings s = settings;
        Room room = rooms.get(name);
        if (room == null) {
            if (rooms.size() >= s.maxRooms()) throw new LimitReached("the relay has " + s.maxRooms() + " rooms already");
            room = new Room(name);
            rooms.put(name, room);
        } else if (room.members().size() >= s.maxParticipantsPerRoom()) {
            throw new LimitReached("room " + name + " is full (" + s.maxParticipantsPerRoom() + " participants)");
        }
        Member m = newcomer.apply(nextId.getAndIncrement(), room);
        // Listed before anyone hears of the join, so a member that has read its own JOINED is in members().
        members.add(m);
        joinedCount.incrementAndGet();
        room.join(m);
        return m;
    }

    @Override
    public synchronized void exit(Member m, Messages.LeaveReason reason) {
        // Unlisted before anyone hears of the leave, so whoever has read LEFT no longer finds it in members().
        if (!members.remove(m)) return;
        m.room.leave(m, reason);
        if (m.room.members().isEmpty()) rooms.remove(m.room.name(), m.room);
    }

    /** Rooms with at least one member. */
    int rooms() { return rooms.size(); }

    @Override
    public ConnectionGate gate() { return gate; }

    @Override
    public RelaySettings settings() { return settings; }

    /**
     * Takes new settings while running: connections made from now on use them. Settings of the listening socket
     * itself (address, port, threads, socket buffers, water marks) cannot change on a running relay.
     *
     * @return false when {@code next} changes the listening socket, so the relay has to be started anew
     */
    boolean update(RelaySettings next) {
        RelaySettings now = settings;
        boolean sameListener = now.host().equals(next.host()) && now.port() == next.port()
                && now.workerThreads() == next.workerThreads() && now.sendBufferBytes() == next.sendBufferBytes()
                && now.writeLowWaterMark() == next.writeLowWaterMark() && now.writeHighWaterMark() == next.writeHighWaterMark()
                && now.webPort() == next.webPort();
        if (sameListener) {
            if (!now.roomPassphrases().equals(next.roomPassphrases()) || now.passphraseMemoryKiB() != next.passphraseMemoryKiB()
                    || now.passphraseIterations() != next.passphraseIterations()) {
                locks = locksOf(next);
            }
            settings = next;
        }
        return sameListener;
    }

    @Override
    public RelayErrors errors() { return errors; }

    @Override
    public void counted(Messages.LeaveReason reason) {
        switch (reason) {
            case TOO_SLOW -> tooSlow.incrementAndGet();
            case TIMEOUT -> idle.incrementAndGet();
            case PROTOCOL_ERROR -> protocolErrors.incrementAndGet();
            default -> { }
        }
    }

    @Override
    public Totals totals() {
        return new Totals(joinedCount.get(), tooSlow.get(), idle.get(), protocolErrors.get(), errors.count());
    }

    @Override
    public int port() { return port; }

    @Override
    public String certificateFingerprint() { return fingerprint; }

    @Override
    public List<MemberStats> members() {
        List<MemberStats> out = new ArrayList<>();
        for (Member m : members) out.add(m.stats());
        return out;
    }

    @Override
    public void close() {
        if (serverChannel != null) serverChannel.close().awaitUninterruptibly();
        if (webChannel != null) webChannel.close().awaitUninterruptibly();
        // Tell every connection why it closes (PROTOCOL.md: a relay that shuts down SHOULD send SHUTTING_DOWN).
        // ERROR and close run as one task on the connection's event loop, so nothing slips in between, and a
        // receiver whose socket is full loses the ERROR instead of holding up the shutdown.
        for (Channel ch : channels) {
            // A web port connection that has not upgraded to a WebSocket speaks HTTP, not frames: just closed.
            if (ch.pipeline().get("encoder") == null) continue;
            ch.eventLoop().execute(() -> {
                ch.writeAndFlush(new Messages.Error(ErrorCode.SHUTTING_DOWN, "relay shutting down").toFrame(),
                        ch.voidPromise());
                ch.close();
            });
        }
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (boss != null) boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (workers != null) workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (serverChannel != null) LOG.info("Relay on port {} stopped", port);
    }
}
