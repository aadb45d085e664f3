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
import dev.parley.api.MediaKind;
import dev.parley.api.capture.MediaPublisher;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.security.KnownRelays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
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
public final class NettyConnector implements ParticipantConnector, CodecSupport {
    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final KnownRelays knownRelays;
    private final List<RelayCall> calls = new CopyOnWriteArrayList<>();
    private final Map<FrameDecoder, String> decoders = new ConcurrentHashMap<>();
    private volatile MediaPublisher publisher;

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
        RelayCall call = new RelayCall(bootstrap, options, bus, knownRelays, this);
        calls.add(call);
        return call.start();
    }

    /** A codec arrived or left: every call tells its room what this process decodes now. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDecoder(FrameDecoder decoder) {
        decoders.put(decoder, decoder.codec());
        for (RelayCall c : calls) c.decodersChanged();
    }

    void removeDecoder(FrameDecoder decoder) {
        decoders.remove(decoder);
        for (RelayCall c : calls) c.decodersChanged();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPublisher(MediaPublisher p) {
        publisher = p;
    }

    void unsetPublisher(MediaPublisher p) {
        if (publisher == p) publisher = null;
    }

    @Override
    public Set<String> decoderNames() {
        return new TreeSet<>(decoders.values());
    }

    @Override
    public Optional<MediaPublisher.Publication> publication(MediaBus bus, MediaKind kind) {
        MediaPublisher p = publisher;
        return p == null ? Optional.empty() : p.publication(bus, kind);
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
