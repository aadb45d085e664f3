package dev.parley.relay.internal;

import dev.parley.protocol.NettyTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's chat clients on a Parley relay: a line-based TCP port where each line a client such as {@code nc} sends
 * is a chat message from a participant named {@code nc-N}, and every chat line of the room arrives as
 * {@code number name: text}. Its members are ordinary room members (numbered, announced with JOINED and LEFT) that
 * want text only; they go through the same one-writer queues as everyone, so a slow one never holds anyone up.
 */
@Component(service = PlainTextPort.class, configurationPid = PlainTextConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = PlainTextConfig.class)
public final class PlainTextPort {
    private static final Logger LOG = LoggerFactory.getLogger(PlainTextPort.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ChannelGroup channels = new DefaultChannelGroup("parley-plain-text", GlobalEventExecutor.INSTANCE);
    private final Channel server;

    @Activate
    public PlainTextPort(@Reference RoomDirectory relay, PlainTextConfig config) throws InterruptedException {
        NettyTransport transport = NettyTransport.best();
        RelaySettings settings = relay.settings();
        boss = transport.newGroup(1, new DefaultThreadFactory("parley-text-accept", true));
        workers = transport.newGroup(1, new DefaultThreadFactory("parley-text", true));
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(settings.writeLowWaterMark(), settings.writeHighWaterMark()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline()
                                .addLast("lines", new LineBasedFrameDecoder(config.maxLineBytes(), true, false))
                                .addLast("utf8", new StringDecoder(StandardCharsets.UTF_8))
                                .addLast("writer", LineWriter.INSTANCE)
                                .addLast("member", new PlainTextConnection(relay, config));
                    }
                });
        try {
            server = b.bind(config.host(), config.port()).sync().channel();
        } catch (Exception e) {
            shutdown();
            throw e;
        }
        LOG.info("Plain-text chat listening on {}:{} for room {} (try: nc HOST {})", config.host(), port(),
                config.room(), port());
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Deactivate
    void deactivate() {
        server.close().awaitUninterruptibly();
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdown();
        LOG.info("Plain-text port closed");
    }

    private void shutdown() {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
