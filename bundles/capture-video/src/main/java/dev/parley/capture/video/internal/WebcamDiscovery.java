package dev.parley.capture.video.internal;

import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.FrameEncoder;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for cameras on a background thread, so start-up never waits for webcam-capture, and registers a
 * {@link MediaSource} (ranking {@value #RANKING}, above the test pattern) for each camera found. With no video device,
 * or without webcam-capture installed, it registers nothing and says so in one line.
 *
 * <p>Configuration PID {@value #PID}: {@code enabled} (default true), {@code discoveryTimeoutMillis} (default 5000,
 * also the limit for opening a camera), {@code deviceDirectory} (default /dev, where video* nodes are looked for).
 */
@Component(immediate = true, configurationPid = WebcamDiscovery.PID)
@Designate(ocd = WebcamDiscovery.Config.class)
public final class WebcamDiscovery {
    public static final String PID = "parley.capture.video.webcam";
    static final int RANKING = 10;
    static final String NO_CAMERA = "no camera found; video uses the test pattern";
    private static final Logger LOG = LoggerFactory.getLogger(WebcamDiscovery.class);

    @ObjectClassDefinition(name = "Parley webcam", description = "Camera discovery through webcam-capture")
    public @interface Config {
        @AttributeDefinition(description = "Look for cameras at all")
        boolean enabled() default true;

        @AttributeDefinition(description = "How long discovery, and opening a camera, may take, in milliseconds")
        long discoveryTimeoutMillis() default 5000;

        @AttributeDefinition(description = "Directory holding the video device nodes (video*)")
        String deviceDirectory() default "/dev";
    }

    private final BundleContext context;
    private final Config config;
    private final Thread discovery;
    private final List<ServiceRegistration<MediaSource>> registrations = new ArrayList<>();
    private final List<WebcamSource> sources = new ArrayList<>();
    private boolean deactivated;
    private boolean libraryUsed;

    @Activate
    public WebcamDiscovery(BundleContext context, Config config) {
        this.context = context;
        this.config = config;
        this.discovery = new Thread(this::discover, "parley-webcam-discovery");
        discovery.setDaemon(true);
        discovery.start();
    }

    @Deactivate
    void deactivate() {
        discovery.interrupt();
        synchronized (this) {
            deactivated = true;
            for (ServiceRegistration<MediaSource> registration : registrations) {
                unregisterQuietly(registration);
            }
            registrations.clear();
            // A plain loop: a method reference would link WebcamSource even when webcam-capture is absent.
            for (WebcamSource source : sources) {
                source.dispose();
            }
            sources.clear();
            if (libraryUsed) {
                try {
                    WebcamSource.stopDiscovery();
                } catch (RuntimeException | LinkageError e) {
                    LOG.debug("stopping webcam-capture discovery failed", e);
                }
            }
        }
    }

    private void discover() {
        if (!config.enabled()) {
            LOG.info("camera discovery is disabled ({}); video uses the test pattern", PID);
            return;
        }
        if (!hasVideoDevice(Path.of(config.deviceDirectory()))) {
            LOG.info(NO_CAMERA);
            return;
        }
        List<WebcamSource> found;
        try {
            synchronized (this) {
                libraryUsed = true;
            }
            found = WebcamSource.discover(config.discoveryTimeoutMillis());
        } catch (TimeoutException e) {
            LOG.warn("camera discovery took longer than {} ms; video uses the test pattern", config.discoveryTimeoutMillis());
            return;
        } catch (NoClassDefFoundError e) {
            LOG.info("webcam-capture is not installed ({}); video uses the test pattern", e.toString());
            return;
        } catch (RuntimeException | LinkageError e) {
            // Typically the native grabber failed to load: it needs libv4l2.so.0 (Debian package libv4l-0).
            LOG.warn("camera discovery failed ({}; the grabber needs libv4l2.so.0); video uses the test pattern", e.toString());
            return;
        }
        if (found.isEmpty()) {
            LOG.info(NO_CAMERA);
            return;
        }
        register(found);
    }

    private synchronized void register(List<WebcamSource> found) {
        if (deactivated) {
            return;
        }
        for (WebcamSource source : found) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(MediaSource.PROP_SOURCE, source.id());
            properties.put(FrameEncoder.PROP_KIND, "VIDEO");
            properties.put(Constants.SERVICE_RANKING, RANKING);
            sources.add(source);
            registrations.add(context.registerService(MediaSource.class, source, properties));
            LOG.info("camera found: {} ({})", source.id(), source.description());
        }
    }

    /** Whether the directory holds a video* device node; webcam-capture would search in vain otherwise. */
    static boolean hasVideoDevice(Path directory) {
        try (DirectoryStream<Path> devices = Files.newDirectoryStream(directory, "video*")) {
            return devices.iterator().hasNext();
        } catch (IOException | SecurityException e) {
            return false;
        }
    }

    private static void unregisterQuietly(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework unregistered it first
        }
    }
}
