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
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local participant of {@code parley client}: joins the configured relay and room, publishes camera (or test
 * pattern) and microphone (or tone) and plays remote audio. Registered as the {@link Call} service, which
 * {@link ViewBinder} shows in every view present.
 */
@Component(service = Call.class, configurationPid = ClientConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = ClientConfig.class)
public final class ClientComponent implements Call {
    private static final Logger LOG = LoggerFactory.getLogger(ClientComponent.class);

    private final Call call;
    private final List<AutoCloseable> running = new ArrayList<>();

    @Activate
    public ClientComponent(@Reference MediaBus bus, @Reference ParticipantConnector connector,
                           @Reference MediaPublisher publisher, @Reference AudioPlayer player, ClientConfig config) {
        String name = config.name().isBlank() ? System.getProperty("user.name", "guest") : config.name().strip();
        this.call = connector.connect(new ConnectOptions(config.server(), config.port(), name, config.room()), bus);
        if (config.video()) {
            running.add(publisher.start(bus, MediaKind.VIDEO, new CaptureSpec(name,
                    MediaFormat.video(config.videoWidth(), config.videoHeight(), config.fps()))));
        }
        if (config.audio()) {
            running.add(publisher.start(bus, MediaKind.AUDIO, new CaptureSpec(name, MediaFormat.audio(config.sampleRate(), 1, 20))));
            running.add(player.start(bus));
        }
        LOG.info("{} joining {}:{} room {}", name, config.server(), config.port(), config.room());
    }

    @Deactivate
    void deactivate() {
        for (AutoCloseable c : running) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("Closing {} failed", c, e);
            }
        }
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
    @Override public void addListener(CallListener listener) { call.addListener(listener); }
    @Override public void removeListener(CallListener listener) { call.removeListener(listener); }
    @Override public void leave() { call.leave(); }
}
