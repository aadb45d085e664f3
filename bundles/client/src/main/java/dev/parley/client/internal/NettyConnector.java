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
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/** Connects buses to relays over Netty. All calls of this process share one small event-loop group. */
@Component(service = ParticipantConnector.class)
public final class NettyConnector implements ParticipantConnector {
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final List<RelayCall> calls = new CopyOnWriteArrayList<>();

    public NettyConnector() {
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
        RelayCall call = new RelayCall(bootstrap, options, bus);
        calls.add(call);
        return call.start();
    }

    @Deactivate
    void deactivate() {
        for (RelayCall c : calls) c.leave();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
