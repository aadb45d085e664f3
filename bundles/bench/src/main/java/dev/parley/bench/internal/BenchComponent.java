package dev.parley.bench.internal;

import dev.parley.api.call.RelayStatus;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code parley bench}: runs the load once against the relay of this process, prints the report, and stops. */
@Component(configurationPid = BenchConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = BenchConfig.class)
public final class BenchComponent {
    private static final Logger LOG = LoggerFactory.getLogger(BenchComponent.class);

    @Activate
    public BenchComponent(@Reference RelayStatus relay, BenchConfig config, BundleContext context) {
        Thread t = new Thread(() -> {
            try {
                new BenchRun(config, relay, System.out).run();
            } catch (Exception e) {
                LOG.error("The bench failed: {}", e.toString());
            } catch (Throwable e) {
                LOG.error("The bench failed", e);
            }
            if (config.quitWhenDone()) {
                try {
                    context.getBundle(0).stop();
                } catch (Exception e) {
                    LOG.debug("Stopping after the bench failed", e);
                }
            }
        }, "parley-bench");
        t.setDaemon(true);
        t.start();
    }
}
