package dev.parley.client.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.call.Call;
import dev.parley.api.call.ConnectOptions;
import dev.parley.api.call.ParticipantConnector;
import dev.parley.api.capture.LocalMedia;
import dev.parley.call.CallService;
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
 * with the local media of {@code parley.media} (camera or test pattern, microphone or tone, remote audio played).
 * Registered as the {@link Call} service, which {@link ViewBinder} shows in every view present.
 *
 * <p>A media change (a stage switch from 4 to 5 and back) reaches the running call through the media settings: the
 * connection stays, nobody sees this participant leave. A change of relay, room or name moves the same service to
 * a new call, and the views stay attached.
 */
@Component(service = Call.class, configurationPid = ClientConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true)
@Designate(ocd = ClientConfig.class)
public final class ClientComponent extends CallService<ConnectOptions> {
    private static final Logger LOG = LoggerFactory.getLogger(ClientComponent.class);

    @Activate
    public ClientComponent(@Reference MediaBus bus, @Reference ParticipantConnector connector,
                           @Reference LocalMedia localMedia, ClientConfig config) {
        super(optionsOf(config), o -> {
            LOG.info("{} joining {}:{} room {}", o.name(), o.host(), o.port(), o.room());
            return connector.connect(o, bus);
        }, optionsOf(config).name(), localMedia, bus);
    }

    @Modified
    void modified(ClientConfig config) {
        moveTo(optionsOf(config));
    }

    private static ConnectOptions optionsOf(ClientConfig config) {
        String name = config.name().isBlank() ? System.getProperty("user.name", "guest") : config.name().strip();
        return new ConnectOptions(config.server(), config.port(), name, config.room(),
                new ConnectOptions.Security(config.tls(), config.trust().strip(), config.passphrase(), config.e2ee()));
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
