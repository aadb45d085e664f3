package dev.parley.client.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.call.Call;
import dev.parley.api.call.CallListener;
import dev.parley.api.call.CallListeners;
import dev.parley.api.call.CallState;
import dev.parley.api.call.ChatMessage;
import dev.parley.api.call.ConnectOptions;
import dev.parley.api.call.Participant;
import dev.parley.api.call.ParticipantConnector;
import dev.parley.api.capture.LocalMedia;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local participant of {@code parley client} and of the relay stages: joins the configured relay and room,
 * publishes camera (or test pattern) and microphone (or tone) and plays remote audio. Registered as the {@link Call}
 * service, which {@link ViewBinder} shows in every view present.
 *
 * <p>A configuration change that only touches media (a stage switch from 4 to 5 and back) starts or stops
 * publications on the running call: the connection stays, nobody sees this participant leave. A change of relay,
 * room or name moves the same service to a new call, and the views stay attached.
 */
@Component(service = Call.class, configurationPid = ClientConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = ClientConfig.class)
public final class ClientComponent implements Call {
    private static final Logger LOG = LoggerFactory.getLogger(ClientComponent.class);

    private final MediaBus bus;
    private final ParticipantConnector connector;
    /** This service's listeners, registered on whichever call is current. */
    private final CallListeners listeners = new CallListeners();
    private final LocalMedia.Session media;
    private volatile Call call;
    private ConnectOptions options;

    @Activate
    public ClientComponent(@Reference MediaBus bus, @Reference ParticipantConnector connector,
                           @Reference LocalMedia localMedia, ClientConfig config) {
        this.bus = bus;
        this.connector = connector;
        this.options = optionsOf(config);
        this.call = join(options);
        this.media = localMedia.start(bus, options.name(), mediaOf(config));
    }

    /** Media changes are applied to the running call; a new relay, room or name moves to a new call. */
    @Modified
    synchronized void modified(ClientConfig config) {
        ConnectOptions wanted = optionsOf(config);
        if (!wanted.equals(options)) {
            LOG.info("{} moves from {}:{} room {} to {}:{} room {}", wanted.name(), options.host(), options.port(),
                    options.room(), wanted.host(), wanted.port(), wanted.room());
            Call old = call;
            old.removeListener(listeners);
            old.leave();
            options = wanted;
            call = join(wanted);
        }
        media.update(mediaOf(config));
    }

    private Call join(ConnectOptions o) {
        Call c = connector.connect(o, bus);
        c.addListener(listeners);
        LOG.info("{} joining {}:{} room {}", o.name(), o.host(), o.port(), o.room());
        return c;
    }

    private static ConnectOptions optionsOf(ClientConfig config) {
        String name = config.name().isBlank() ? System.getProperty("user.name", "guest") : config.name().strip();
        return new ConnectOptions(config.server(), config.port(), name, config.room(),
                new ConnectOptions.Security(config.tls(), config.trust().strip(), config.passphrase(), config.e2ee()));
    }

    private static LocalMedia.Settings mediaOf(ClientConfig c) {
        return new LocalMedia.Settings(c.video(), c.audio(), c.videoWidth(), c.videoHeight(), c.fps(), c.sampleRate(),
                c.videoSource(), c.audioSource(), c.videoCodec(), c.audioCodec());
    }

    @Deactivate
    synchronized void deactivate() {
        media.close();
        call.leave();
    }

    @Override public String name() { return call.name(); }
    @Override public String room() { return call.room(); }
    @Override public CallState state() { return call.state(); }
    @Override public int localId() { return call.localId(); }
    @Override public List<Participant> roster() { return call.roster(); }
    @Override public List<ChatMessage> history() { return call.history(); }
    @Override public MediaBus bus() { return call.bus(); }
    @Override public void say(String text) { call.say(text); }
    @Override public long roundTripMicros() { return call.roundTripMicros(); }
    @Override public String protection() { return call.protection(); }
    @Override public void addListener(CallListener listener) { listeners.add(listener); }
    @Override public void removeListener(CallListener listener) { listeners.remove(listener); }
    @Override public void leave() { call.leave(); }
}
