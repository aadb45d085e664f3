package dev.parley.relay.internal;

import dev.parley.api.call.RelayStatus;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Runs a relay while a {@code parley.relay} configuration exists (the server and demo profiles create one). Also
 * offered, inside this bundle only, as the {@link RoomDirectory} the plain-text port joins its members through.
 */
@Component(service = {RelayStatus.class, RoomDirectory.class}, configurationPid = RelayConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = RelayConfig.class)
public final class RelayComponent implements RelayStatus, RoomDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(RelayComponent.class);

    private volatile RelayServer server;
    private volatile WebAssets webAssets = WebAssets.NONE;
    private final BundleWebAssets webPage;

    @Activate
    public RelayComponent(RelayConfig config, BundleContext context) throws InterruptedException {
        this.server = new RelayServer(RelaySettings.of(config)).start();
        this.webPage = new BundleWebAssets(context, this::pageChanged);
        webPage.open();
    }

    /** The web page's plugin came or went; synchronized with a restart, so the running relay always has the page. */
    private synchronized void pageChanged(WebAssets assets) {
        webAssets = assets;
        server.webAssets(assets);
    }

    /**
     * The configuration changed (an edit of {@code config/parley.relay.cfg}): connections made from now on take the
     * new settings and the call goes on; a new address, port, thread count or socket buffer starts the relay anew.
     */
    @Modified
    synchronized void modified(RelayConfig config) throws InterruptedException {
        RelaySettings next = RelaySettings.of(config);
        if (next.equals(server.settings())) return;
        if (server.update(next)) {
            LOG.info("Relay settings changed; connections made from now on use them: {}", next);
        } else {
            LOG.info("Relay listener settings changed; starting the relay anew: {}", next);
            server.close();
            server = new RelayServer(next).start();
            server.webAssets(webAssets);
        }
    }

    @Deactivate
    void deactivate() {
        webPage.close();
        server.close();
    }

    @Override
    public int port() { return server.port(); }

    @Override
    public String certificateFingerprint() { return server.certificateFingerprint(); }

    @Override
    public List<MemberStats> members() { return server.members(); }

    @Override
    public Member enter(String room, java.util.function.BiFunction<Integer, Room, Member> newcomer) {
        return server.enter(room, newcomer);
    }

    @Override
    public void exit(Member m, dev.parley.protocol.Messages.LeaveReason reason) { server.exit(m, reason); }

    @Override
    public RelaySettings settings() { return server.settings(); }

    @Override
    public RelayErrors errors() { return server.errors(); }

    @Override
    public Totals totals() { return server.totals(); }

    @Override
    public ConnectionGate gate() { return server.gate(); }

    @Override
    public RoomLocks locks() { return server.locks(); }

    @Override
    public void counted(dev.parley.protocol.Messages.LeaveReason reason) { server.counted(reason); }
}
