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

/** Prints the call's figures to standard output at a fixed interval, for watching a client from a terminal. */
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

    @Activate
    public StatsPrinter(@Reference Call call, StatsPrinterConfig config) {
        long every = Math.max(100, config.intervalMillis());
        timer.scheduleAtFixedRate(() -> {
            AudioPlayer p = player;
            String text = CallFigures.of(call, p == null ? List.of() : p.stats());
            synchronized (System.out) {
                System.out.println(text);
                System.out.flush();
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPlayer(AudioPlayer p) { player = p; }

    void unsetPlayer(AudioPlayer p) { if (player == p) player = null; }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }
}
