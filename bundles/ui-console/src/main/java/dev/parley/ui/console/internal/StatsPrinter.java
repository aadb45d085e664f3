package dev.parley.ui.console.internal;

import dev.parley.api.call.Call;
import dev.parley.api.capture.AudioPlayer;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Prints the call's figures to standard output at a fixed interval, for watching a client from a terminal.
 *
 * <p>The call is a dynamic reference, not a constructor argument: a stage switch or a changed setting replaces the
 * call's service while this component may be starting, and a static reference that met the old registration as it
 * went failed activation for good (no figures for the rest of the run). Bound dynamically, the printer follows
 * whichever call is registered, and prints nothing while there is none.
 */
@Component(configurationPid = StatsPrinterConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = StatsPrinterConfig.class)
public final class StatsPrinter {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "parley-stats");
        t.setDaemon(true);
        return t;
    });
    private volatile AudioPlayer player;
    private volatile Call call;

    @Activate
    public StatsPrinter(StatsPrinterConfig config) {
        long every = Math.max(100, config.intervalMillis());
        timer.scheduleAtFixedRate(() -> {
            Call c = call;
            if (c == null) return;
            AudioPlayer p = player;
            String text = CallFigures.of(c, p == null ? List.of() : p.stats());
            synchronized (System.out) {
                System.out.println(text);
                System.out.flush();
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCall(Call c) { call = c; }

    void unsetCall(Call c) { if (call == c) call = null; }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPlayer(AudioPlayer p) { player = p; }

    void unsetPlayer(AudioPlayer p) { if (player == p) player = null; }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }
}
