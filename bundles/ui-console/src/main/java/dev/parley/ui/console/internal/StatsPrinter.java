package dev.parley.ui.console.internal;

import dev.parley.api.call.Call;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
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

    @Activate
    public StatsPrinter(@Reference Call call, StatsPrinterConfig config) {
        long every = Math.max(100, config.intervalMillis());
        timer.scheduleAtFixedRate(() -> {
            String text = CallFigures.of(call);
            synchronized (System.out) {
                System.out.println(text);
                System.out.flush();
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }
}
