package dev.parley.capture.common;

import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.FrameEncoder;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * Registering sources by hand, for the components whose sources exist only when a device is found or a file is
 * configured (their ids come from what was found), and taking them back.
 */
public final class SourceServices {
    private SourceServices() {
    }

    /** Offers {@code source} with its id, its kind and {@code ranking}. */
    public static ServiceRegistration<MediaSource> register(BundleContext context, MediaSource source, int ranking) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(MediaSource.PROP_SOURCE, source.id());
        properties.put(FrameEncoder.PROP_KIND, source.kind().name());
        properties.put(Constants.SERVICE_RANKING, ranking);
        return context.registerService(MediaSource.class, source, properties);
    }

    /** Takes a registration back; one the framework already removed (its bundle stopping) is fine. */
    public static void unregister(ServiceRegistration<?> registration) {
        if (registration == null) return;
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework unregistered it first
        }
    }
}
