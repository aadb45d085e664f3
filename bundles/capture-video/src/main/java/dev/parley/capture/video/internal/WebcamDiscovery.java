package dev.parley.capture.video.internal;

import dev.parley.api.capture.MediaSource;
import dev.parley.capture.common.SourceServices;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
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
 * <p>A plugin may bring a webcam-capture {@code WebcamDriver} as a service (IP cameras, or a test driver serving known
 * pictures): cameras are then discovered through it, and again when it goes. A camera that stops sending pictures
 * for {@value #SILENCE_MILLIS} ms while it captures is withdrawn, so the publication falls back to the test pattern
 * within a second, and the log says so; it is probed every {@value #PROBE_MILLIS} ms and comes back when it sends
 * again. A camera that cannot be opened (another process holds it, or it does not answer) is withdrawn the same way
 * and comes back when a probe can open it: when the other process lets it go, the call goes over to it. Everything
 * that touches webcam-capture runs on one thread of this component.
 *
 * <p>Configuration PID {@value #PID}: {@code enabled} (default true), {@code discoveryTimeoutMillis} (default 5000,
 * also the limit for opening a camera), {@code deviceDirectory} (default /dev, where video* nodes are looked for).
 */
@Component(immediate = true, configurationPid = WebcamDiscovery.PID)
@Designate(ocd = WebcamDiscovery.Config.class)
public final class WebcamDiscovery {
    public static final String PID = "parley.capture.video.webcam";
    static final int RANKING = 10;
    static final long SILENCE_MILLIS = 700;
    static final long PROBE_MILLIS = 500;
    static final String NO_CAMERA = "no camera found; video uses the test pattern";
    private static final long WATCH_MILLIS = 100;
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
    private final ScheduledExecutorService worker;
    /** Every camera found, with its registration while it is offered (null while it is withdrawn). Worker only. */
    private final Map<WebcamSource, ServiceRegistration<MediaSource>> cameras = new LinkedHashMap<>();
    /** A driver service, or null for webcam-capture's own. */
    private volatile Object driver;
    private boolean libraryUsed;
    private long lastProbeNanos;

    @Activate
    public WebcamDiscovery(BundleContext context, Config config) {
        this.context = context;
        this.config = config;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-webcam-discovery");
            t.setDaemon(true);
            return t;
        });
        worker.execute(this::discover);
        worker.scheduleWithFixedDelay(this::watch, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Reference(service = com.github.sarxos.webcam.WebcamDriver.class, cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindDriver(ComponentServiceObjects<Object> service) {
        Object d = service.getService();
        driver = d;
        rediscover("a camera driver arrived (" + d.getClass().getName() + ")");
    }

    void unbindDriver(ComponentServiceObjects<Object> service) {
        driver = null;
        rediscover("the camera driver went");
    }

    private void rediscover(String why) {
        try {
            worker.execute(() -> {
                LOG.info("{}: looking for cameras again", why);
                withdrawAll();
                cameras.clear();
                discover();
            });
        } catch (java.util.concurrent.RejectedExecutionException deactivated) {
            // Going away: nothing to look for.
        }
    }

    @Deactivate
    void deactivate() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        withdrawAll();
        // A plain loop: a method reference would link WebcamSource even when webcam-capture is absent.
        for (WebcamSource source : cameras.keySet()) {
            source.dispose();
        }
        cameras.clear();
        if (libraryUsed) {
            try {
                WebcamSource.stopDiscovery();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("stopping webcam-capture discovery failed", e);
            }
        }
    }

    private void discover() {
        if (!config.enabled()) {
            LOG.info("camera discovery is disabled ({}); video uses the test pattern", PID);
            return;
        }
        Object d = driver;
        if (d == null && !hasVideoDevice(Path.of(config.deviceDirectory()))) {
            LOG.info(NO_CAMERA);
            return;
        }
        Thread thread = Thread.currentThread();
        try {
            libraryUsed = true;
            thread.setContextClassLoader(WebcamSource.libraryLoader());
            WebcamSource.useDriver(d);
            for (WebcamSource source : WebcamSource.discover(config.discoveryTimeoutMillis())) {
                cameras.put(source, null);
                offer(source);
                LOG.info("camera found: {} ({})", source.id(), source.description());
            }
        } catch (TimeoutException e) {
            LOG.warn("camera discovery took longer than {} ms; video uses the test pattern", config.discoveryTimeoutMillis());
        } catch (NoClassDefFoundError e) {
            LOG.info("webcam-capture is not installed ({}); video uses the test pattern", e.toString());
        } catch (RuntimeException | LinkageError e) {
            // Typically the native grabber failed to load: it needs libv4l2.so.0 (Debian package libv4l-0).
            LOG.warn("camera discovery failed ({}; the grabber needs libv4l2.so.0); video uses the test pattern", e.toString());
        }
        if (cameras.isEmpty()) LOG.info(NO_CAMERA);
    }

    /**
     * Every {@value #WATCH_MILLIS} ms: a camera silent for too long while it captures is withdrawn (the publication
     * then takes the next best source); a withdrawn one that sends again is offered again.
     */
    private void watch() {
        if (cameras.isEmpty()) return;
        long now = System.nanoTime();
        boolean probe = now - lastProbeNanos >= TimeUnit.MILLISECONDS.toNanos(PROBE_MILLIS);
        if (probe) lastProbeNanos = now;
        for (Map.Entry<WebcamSource, ServiceRegistration<MediaSource>> e : cameras.entrySet()) {
            WebcamSource source = e.getKey();
            if (e.getValue() != null) {
                String failure = source.takeOpenFailure();
                if (failure != null) {
                    LOG.warn("camera {} withdrawn until it can be opened (tried every {} ms): {}", source.id(), PROBE_MILLIS, failure);
                    SourceServices.unregister(e.getValue());
                    e.setValue(null);
                } else if (source.silentNanos(now) > TimeUnit.MILLISECONDS.toNanos(SILENCE_MILLIS)) {
                    LOG.warn("camera {} sent no picture for {} ms; video uses the next source (the test pattern) "
                            + "until it is back", source.id(), SILENCE_MILLIS);
                    SourceServices.unregister(e.getValue());
                    e.setValue(null);
                }
            } else if (probe && !source.capturing() && source.probe()) {
                LOG.info("camera {} sends pictures again; video goes back to it", source.id());
                source.takeOpenFailure(); // a failure from before the probe says nothing about now
                e.setValue(register(source));
            }
        }
    }

    private void offer(WebcamSource source) {
        cameras.put(source, register(source));
    }

    private ServiceRegistration<MediaSource> register(WebcamSource source) {
        return SourceServices.register(context, source, RANKING);
    }

    private void withdrawAll() {
        for (Map.Entry<WebcamSource, ServiceRegistration<MediaSource>> e : cameras.entrySet()) {
            if (e.getValue() != null) SourceServices.unregister(e.getValue());
            e.setValue(null);
            e.getKey().dispose();
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
}
