package dev.parley.bench.internal;

import dev.parley.api.call.RelayStatus;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code parley bench}: loads the relay of this process (or another, with {@code server}, while this one idles) from a separate load
 * process, prints the report and stops Parley. A failed run (disconnects, relay errors, corrupt frames) sets the
 * system property {@code parley.exitCode} to 1, which the launcher exits with.
 */
@Component(configurationPid = BenchConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = BenchConfig.class)
public final class BenchComponent {
    private static final Logger LOG = LoggerFactory.getLogger(BenchComponent.class);

    @Activate
    public BenchComponent(@Reference RelayStatus relay, BenchConfig config,
                          BundleContext context) {
        Thread t = new Thread(() -> {
            boolean passed = false;
            try {
                BenchRun run = new BenchRun(config, config.server().isBlank() ? relay : null,
                        LoadProcess.jarOf(context.getBundle().getLocation()), System.out, System.err);
                passed = run.run();
            } catch (IllegalArgumentException e) {
                System.err.println("parley bench: " + e.getMessage());
            } catch (Exception e) {
                LOG.error("The bench failed: {}", e.toString());
            } catch (Throwable e) {
                LOG.error("The bench failed", e);
            }
            if (!passed) System.setProperty("parley.exitCode", "1");
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
