package dev.parley.client.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.MediaKind;
import dev.parley.api.call.Call;
import dev.parley.api.call.CallListener;
import dev.parley.api.call.CallState;
import dev.parley.api.call.ChatMessage;
import dev.parley.api.call.ConnectOptions;
import dev.parley.api.call.Participant;
import dev.parley.api.call.ParticipantConnector;
import dev.parley.api.capture.AudioPlayer;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaPublisher;
import dev.parley.api.codec.MediaFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final MediaPublisher publisher;
    private final AudioPlayer player;
    private final List<CallListener> listeners = new CopyOnWriteArrayList<>();
    private final CallListener forward = new Forward();
    private volatile Call call;
    private ConnectOptions options;
    private ClientConfig media;
    private MediaPublisher.Publication video;
    private MediaPublisher.Publication audio;
    private AutoCloseable playout;

    @Activate
    public ClientComponent(@Reference MediaBus bus, @Reference ParticipantConnector connector,
                           @Reference MediaPublisher publisher, @Reference AudioPlayer player, ClientConfig config) {
        this.bus = bus;
        this.connector = connector;
        this.publisher = publisher;
        this.player = player;
        this.options = optionsOf(config);
        this.call = join(options);
        applyMedia(config);
    }

    /** Media changes are applied to the running call; a new relay, room or name moves to a new call. */
    @Modified
    synchronized void modified(ClientConfig config) {
        ConnectOptions wanted = optionsOf(config);
        if (!wanted.equals(options)) {
            LOG.info("{} moves from {}:{} room {} to {}:{} room {}", wanted.name(), options.host(), options.port(),
                    options.room(), wanted.host(), wanted.port(), wanted.room());
            Call old = call;
            old.removeListener(forward);
            old.leave();
            options = wanted;
            call = join(wanted);
        }
        applyMedia(config);
    }

    private Call join(ConnectOptions o) {
        Call c = connector.connect(o, bus);
        c.addListener(forward);
        LOG.info("{} joining {}:{} room {}", o.name(), o.host(), o.port(), o.room());
        return c;
    }

    private static ConnectOptions optionsOf(ClientConfig config) {
        String name = config.name().isBlank() ? System.getProperty("user.name", "guest") : config.name().strip();
        return new ConnectOptions(config.server(), config.port(), name, config.room());
    }

    /** Starts the publications the configuration asks for and stops those it no longer does. */
    private synchronized void applyMedia(ClientConfig config) {
        String name = options.name();
        boolean videoFormatChanged = media != null && (media.videoWidth() != config.videoWidth()
                || media.videoHeight() != config.videoHeight() || media.fps() != config.fps());
        if (video != null && (!config.video() || videoFormatChanged)) {
            video = close(video);
            LOG.info("{} stopped sending video", name);
        }
        if (config.video() && video == null) {
            video = publisher.start(bus, MediaKind.VIDEO, new CaptureSpec(name,
                    MediaFormat.video(config.videoWidth(), config.videoHeight(), config.fps())));
        }
        boolean audioFormatChanged = media != null && media.sampleRate() != config.sampleRate();
        if (audio != null && (!config.audio() || audioFormatChanged)) {
            audio = close(audio);
            playout = close(playout);
            LOG.info("{} stopped sending and playing audio", name);
        }
        if (config.audio() && audio == null) {
            audio = publisher.start(bus, MediaKind.AUDIO, new CaptureSpec(name, MediaFormat.audio(config.sampleRate(), 1, 20)));
            playout = player.start(bus);
        }
        media = config;
    }

    private static <T extends AutoCloseable> T close(T c) {
        if (c == null) return null;
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Closing {} failed", c, e);
        }
        return null;
    }

    @Deactivate
    synchronized void deactivate() {
        video = close(video);
        audio = close(audio);
        playout = close(playout);
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
    @Override public void addListener(CallListener listener) { listeners.add(listener); }
    @Override public void removeListener(CallListener listener) { listeners.remove(listener); }
    @Override public void leave() { call.leave(); }

    /** Passes the current call's events to this service's listeners, so they survive a move to another call. */
    private final class Forward implements CallListener {
        @Override
        public void stateChanged(CallState state, String detail) {
            for (CallListener l : listeners) l.stateChanged(state, detail);
        }

        @Override
        public void joined(Participant participant) {
            for (CallListener l : listeners) l.joined(participant);
        }

        @Override
        public void left(Participant participant, String reason) {
            for (CallListener l : listeners) l.left(participant, reason);
        }

        @Override
        public void chat(ChatMessage message) {
            for (CallListener l : listeners) l.chat(message);
        }
    }
}
