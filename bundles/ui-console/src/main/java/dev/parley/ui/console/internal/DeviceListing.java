package dev.parley.ui.console.internal;

import java.io.PrintStream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code parley devices}: waits for device discovery to settle (cameras are looked for on a background thread),
 * prints what {@code devices} would, and stops Parley.
 */
@Component(configurationPid = DeviceListing.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = DeviceListing.Config.class)
public final class DeviceListing {
    public static final String PID = "parley.console.devices";

    @ObjectClassDefinition(name = "Parley device listing", description = "Lists the devices found and stops (parley devices)")
    public @interface Config {
        @AttributeDefinition(description = "How long to let discovery run before listing, in milliseconds")
        int waitMillis() default 3000;
    }

    private final Thread lister;

    @Activate
    public DeviceListing(@Reference DeviceCommands devices, BundleContext context, Config config) {
        PrintStream out = System.out;
        lister = new Thread(() -> {
            try {
                Thread.sleep(config.waitMillis());
            } catch (InterruptedException e) {
                return;
            }
            out.println(devices.devices());
            out.flush();
            try {
                context.getBundle(0).stop();
            } catch (BundleException | IllegalStateException e) {
                // Already stopping.
            }
        }, "parley-devices");
        lister.setDaemon(true);
        lister.start();
    }

    @Deactivate
    void deactivate() {
        lister.interrupt();
    }
}
