package dev.parley.stage.p2p.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.call.Call;
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
 * The local participant of the peer-to-peer stages, registered as the {@link Call} service so that the views and the
 * console show it as they show a relay call. Media changes (stage 1 to 3 and back) reach the running call through
 * the media settings; a change of peer, port or name moves the same service to a new call.
 */
@Component(service = Call.class, configurationPid = PeerConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, property = "parley.transport=p2p")
@Designate(ocd = PeerConfig.class)
public final class PeerComponent extends CallService<PeerAddress> {
    private static final Logger LOG = LoggerFactory.getLogger(PeerComponent.class);

    @Activate
    public PeerComponent(@Reference MediaBus bus, @Reference LocalMedia localMedia, PeerConfig config) {
        super(PeerAddress.of(config), a -> {
            LOG.info("{}: {}", a.name(), a);
            return new PeerCall(a, bus).start();
        }, PeerAddress.of(config).name(), localMedia, bus);
    }

    @Modified
    void modified(PeerConfig config) {
        moveTo(PeerAddress.of(config));
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
