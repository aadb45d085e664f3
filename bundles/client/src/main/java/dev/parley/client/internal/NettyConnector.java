package dev.parley.client.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.call.Call;
import dev.parley.api.call.ConnectOptions;
import dev.parley.api.call.ParticipantConnector;
import dev.parley.protocol.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import dev.parley.security.KnownRelays;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Connects buses to relays over Netty. All calls of this process share one small event-loop group and one list of
 * trusted relays ({@link KnownRelays}, in the distribution's {@code config/known-relays} unless configured).
 */
@Component(service = ParticipantConnector.class, configurationPid = ConnectorConfig.PID)
@Designate(ocd = ConnectorConfig.class)
public final class NettyConnector implements ParticipantConnector {
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final KnownRelays knownRelays;
    private final List<RelayCall> calls = new CopyOnWriteArrayList<>();

    @Activate
    public NettyConnector(ConnectorConfig config) {
        this.knownRelays = new KnownRelays(knownRelaysFile(config));
        NettyTransport transport = NettyTransport.best();
        group = transport.newGroup(2, new DefaultThreadFactory("parley-client", true));
        bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 512 * 1024));
    }

    @Override
    public Call connect(ConnectOptions options, MediaBus bus) {
        RelayCall call = new RelayCall(bootstrap, options, bus, knownRelays);
        calls.add(call);
        return call.start();
    }

    private static Path knownRelaysFile(ConnectorConfig config) {
        if (!config.knownRelaysFile().isBlank()) return Path.of(config.knownRelaysFile());
        String home = System.getProperty("parley.home");
        return home != null ? Path.of(home, "config", "known-relays")
                : Path.of(System.getProperty("user.home"), ".parley", "known-relays");
    }

    @Deactivate
    void deactivate() {
        for (RelayCall c : calls) c.leave();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
