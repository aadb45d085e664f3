package dev.parley.stage.p2p.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.call.Call;
import dev.parley.api.call.CallListener;
import dev.parley.api.call.CallListeners;
import dev.parley.api.call.CallState;
import dev.parley.api.call.ChatMessage;
import dev.parley.api.call.Participant;
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
    /** This service's listeners, registered on whichever call is current. */
    private final CallListeners listeners = new CallListeners();
    private final LocalMedia.Session media;
    private volatile PeerCall call;
    private PeerAddress address;

    @Activate
    public PeerComponent(@Reference MediaBus bus, @Reference LocalMedia localMedia, PeerConfig config) {
        this.bus = bus;
        this.address = PeerAddress.of(config);
        this.call = open(address);
        this.media = localMedia.start(bus, address.name(), mediaOf(config));
    }

    @Modified
    synchronized void modified(PeerConfig config) {
        PeerAddress wanted = PeerAddress.of(config);
        if (!wanted.equals(address)) {
            LOG.info("{}: {} instead of {}", wanted.name(), wanted, address);
            PeerCall old = call;
            old.removeListener(listeners);
            old.leave();
            address = wanted;
            call = open(wanted);
        }
        media.update(mediaOf(config));
    }

    private PeerCall open(PeerAddress a) {
        PeerCall c = new PeerCall(a, bus);
        c.addListener(listeners);
        return c.start();
    }

    private static LocalMedia.Settings mediaOf(PeerConfig c) {
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
    @Override public void addListener(CallListener listener) { listeners.add(listener); }
    @Override public void removeListener(CallListener listener) { listeners.remove(listener); }
    @Override public void leave() { call.leave(); }
}
