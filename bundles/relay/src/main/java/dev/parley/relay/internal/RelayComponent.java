package dev.parley.relay.internal;

import dev.parley.api.call.RelayStatus;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/** Runs a relay while a {@code parley.relay} configuration exists (the server and demo profiles create one). */
@Component(service = RelayStatus.class, configurationPid = RelayConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = RelayConfig.class)
public final class RelayComponent implements RelayStatus {
    private final RelayServer server;

    @Activate
    public RelayComponent(RelayConfig config) throws InterruptedException {
        this.server = new RelayServer(RelaySettings.of(config)).start();
    }

    @Deactivate
    void deactivate() {
        server.close();
    }

    @Override
    public int port() { return server.port(); }

    @Override
    public List<MemberStats> members() { return server.members(); }
}
