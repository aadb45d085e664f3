package dev.parley.launcher;

import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Hands the profile's configurations to Config Admin. The launcher sits outside the framework and does not share
 * the {@code org.osgi.service.cm} classes with the Config Admin bundle, so it calls the service's two methods by
 * reflection through the interface as the bundle sees it, rather than exporting the package from the system bundle
 * and risking two copies of it.
 */
final class ConfigurationWriter {
    private static final String CONFIGURATION_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION = "org.osgi.service.cm.Configuration";

    private ConfigurationWriter() {
    }

    /** Deletes the configuration {@code pid}, if there is one: its component goes back to its defaults. */
    static void delete(BundleContext context, String pid) throws Exception {
        ServiceReference<?> ref = context.getServiceReference(CONFIGURATION_ADMIN);
        if (ref == null) return;
        Object admin = context.getService(ref);
        try {
            ClassLoader loader = admin.getClass().getClassLoader();
            Method get = Class.forName(CONFIGURATION_ADMIN, false, loader).getMethod("getConfiguration", String.class, String.class);
            Method delete = Class.forName(CONFIGURATION, false, loader).getMethod("delete");
            delete.invoke(get.invoke(admin, pid, "?"));
        } finally {
            context.ungetService(ref);
        }
    }

    static void apply(BundleContext context, Map<String, Hashtable<String, Object>> configurations) throws Exception {
        if (configurations.isEmpty()) return;
        ServiceReference<?> ref = context.getServiceReference(CONFIGURATION_ADMIN);
        if (ref == null) throw new IllegalStateException("Config Admin is not running: is its bundle in bundle/?");
        Object admin = context.getService(ref);
        try {
            ClassLoader loader = admin.getClass().getClassLoader();
            Method get = Class.forName(CONFIGURATION_ADMIN, false, loader).getMethod("getConfiguration", String.class, String.class);
            Method update = Class.forName(CONFIGURATION, false, loader).getMethod("update", Dictionary.class);
            for (Map.Entry<String, Hashtable<String, Object>> e : configurations.entrySet()) {
                // "?" binds the configuration to whichever bundle asks for the PID.
                Object configuration = get.invoke(admin, e.getKey(), "?");
                update.invoke(configuration, e.getValue());
            }
        } finally {
            context.ungetService(ref);
        }
    }
}
