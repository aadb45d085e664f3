package dev.parley.stage.p2p.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.MediaKind;
import dev.parley.api.call.Call;
import dev.parley.api.call.CallListener;
import dev.parley.api.call.CallState;
import dev.parley.api.call.ChatMessage;
import dev.parley.api.call.Participant;
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
 * The local participant of the peer-to-peer stages, registered as the {@link Call} service so that the views and the
 * console show it as they show a relay call. Media changes (stage 1 to 3 and back) start and stop publications on
 * the running call; a change of peer, port or name moves the same service to a new call.
 */
@Component(service = Call.class, configurationPid = PeerConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, property = "parley.transport=p2p")
@Designate(ocd = PeerConfig.class)
public final class PeerComponent implements Call {
    private static final Logger LOG = LoggerFactory.getLogger(PeerComponent.class);

    private final MediaBus bus;
    private final MediaPublisher publisher;
    private final AudioPlayer player;
    private final List<CallListener> listeners = new CopyOnWriteArrayList<>();
    private final CallListener forward = new Forward();
    private volatile PeerCall call;
    private PeerAddress address;
    private MediaPublisher.Publication video;
    private MediaPublisher.Publication audio;
    private AutoCloseable playout;

    @Activate
    public PeerComponent(@Reference MediaBus bus, @Reference MediaPublisher publisher, @Reference AudioPlayer player,
                         PeerConfig config) {
        this.bus = bus;
        this.publisher = publisher;
        this.player = player;
        this.address = PeerAddress.of(config);
        this.call = open(address);
        applyMedia(config);
    }

    @Modified
    synchronized void modified(PeerConfig config) {
        PeerAddress wanted = PeerAddress.of(config);
        if (!wanted.equals(address)) {
            LOG.info("{}: {} instead of {}", wanted.name(), wanted, address);
            PeerCall old = call;
            old.removeListener(forward);
            old.leave();
            address = wanted;
            call = open(wanted);
        }
        applyMedia(config);
    }

    private PeerCall open(PeerAddress a) {
        PeerCall c = new PeerCall(a, bus);
        c.addListener(forward);
        return c.start();
    }

    private synchronized void applyMedia(PeerConfig config) {
        String name = address.name();
        if (video != null && !config.video()) video = close(video);
        if (config.video() && video == null) {
            video = publisher.start(bus, MediaKind.VIDEO, new CaptureSpec(name,
                    MediaFormat.video(config.videoWidth(), config.videoHeight(), config.fps())));
        }
        if (audio != null && !config.audio()) {
            audio = close(audio);
            playout = close(playout);
        }
        if (config.audio() && audio == null) {
            audio = publisher.start(bus, MediaKind.AUDIO, new CaptureSpec(name, MediaFormat.audio(config.sampleRate(), 1, 20)));
            playout = player.start(bus);
        }
    }

    private static <T extends AutoCloseable> T close(T c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Closing {} failed", c, e);
        }
        return null;
    }

    @Deactivate
    synchronized void deactivate() {
        if (video != null) video = close(video);
        if (audio != null) audio = close(audio);
        if (playout != null) playout = close(playout);
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

    /** Passes the current call's events on, so views stay attached when the call is replaced. */
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
