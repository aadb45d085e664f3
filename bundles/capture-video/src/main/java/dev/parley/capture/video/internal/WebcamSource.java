package dev.parley.capture.video.internal;

import dev.parley.capture.common.PacedCapture;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamDiscoveryService;
import com.github.sarxos.webcam.WebcamLockException;
import dev.parley.api.MediaKind;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import dev.parley.api.codec.VideoImage;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One camera found by webcam-capture. Registered by {@link WebcamDiscovery}, never by DS directly, so that it only
 * exists when a camera does. Only this class touches webcam-capture, which keeps the bundle usable without it.
 *
 * <p>BridJ loads its grabber through the thread context class loader, so every thread that calls into
 * webcam-capture gets the library's own loader. One capture at a time per camera. While it captures, the time of
 * the last picture is kept, so that {@link WebcamDiscovery} sees within a second when the camera stops sending
 * (unplugged, or its driver stops serving) and puts the test pattern in its place.
 */
final class WebcamSource implements MediaSource {
    private static final int DEFAULT_FRAME_RATE = 15;
    private static final int MAX_FRAME_RATE = 30;

    private final Webcam webcam;
    private final String id;
    private final long openTimeoutMillis;
    private PacedCapture current;
    /** A camera may take this long to deliver its first picture after opening before it counts as silent. */
    static final long FIRST_PICTURE_GRACE_NANOS = 3_000_000_000L;
    /**
     * When the running capture last got a picture (System.nanoTime; at open, the end of the grace for the first
     * picture), or 0 while not capturing.
     */
    private volatile long lastPictureNanos;
    /** Why the last open failed, until {@link WebcamDiscovery} takes it to withdraw the camera; else null. */
    private volatile String openFailure;

    private WebcamSource(Webcam webcam, int index, long openTimeoutMillis) {
        this.webcam = webcam;
        this.id = "webcam:" + index;
        this.openTimeoutMillis = openTimeoutMillis;
    }

    /** The cameras webcam-capture finds within the timeout, as sources. */
    static List<WebcamSource> discover(long timeoutMillis) throws TimeoutException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Webcam.class.getClassLoader());
        try {
            List<WebcamSource> sources = new ArrayList<>();
            for (Webcam webcam : Webcam.getWebcams(timeoutMillis)) {
                sources.add(new WebcamSource(webcam, sources.size(), timeoutMillis));
            }
            return sources;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Makes {@code driver} (a {@code WebcamDriver} service of a plugin: IP cameras, a test driver) the one
     * webcam-capture discovers with, or goes back to its default (V4L2 through BridJ) when it is null.
     */
    static void useDriver(Object driver) {
        if (driver == null) {
            Webcam.resetDriver();
        } else {
            Webcam.setDriver((com.github.sarxos.webcam.WebcamDriver) driver);
        }
    }

    /** webcam-capture's class loader, which BridJ wants as the context loader of every thread calling it. */
    static ClassLoader libraryLoader() {
        return Webcam.class.getClassLoader();
    }

    /** Stops webcam-capture's hot-plug polling thread, if discovery started it. */
    static void stopDiscovery() {
        WebcamDiscoveryService discovery = Webcam.getDiscoveryServiceRef();
        if (discovery != null) {
            discovery.stop();
        }
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public MediaKind kind() {
        return MediaKind.VIDEO;
    }

    @Override
    public String description() {
        return "Webcam " + webcam.getName();
    }

    @Override
    public synchronized Capture open(CaptureSpec spec, Consumer<RawFrame> sink) throws CaptureException {
        if (current != null) {
            throw new CaptureException("camera " + webcam.getName() + " is already capturing");
        }
        MediaFormat format = spec == null ? null : spec.format();
        int frameRate = format == null || format.frameRate() <= 0 ? DEFAULT_FRAME_RATE : Math.min(MAX_FRAME_RATE, format.frameRate());
        String name = spec == null || spec.participantName() == null ? "" : spec.participantName();
        ScheduledExecutorService executor = PacedCapture.newExecutor("parley-webcam-" + name, Webcam.class.getClassLoader());
        Future<?> opened = executor.submit(() -> {
            Dimension size = closest(webcam.getViewSizes(), format);
            if (size != null) {
                webcam.setViewSize(size);
            }
            return webcam.open();
        });
        try {
            opened.get(openTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            executor.shutdownNow();
            throw failed("camera " + webcam.getName() + " did not open within " + openTimeoutMillis + " ms", null);
        } catch (ExecutionException e) {
            executor.shutdownNow();
            if (e.getCause() instanceof WebcamLockException) {
                // Another process (another Parley, say) has it: webcam-capture's lock file in java.io.tmpdir says so.
                throw failed("camera " + webcam.getName() + " is in use by another process (its lock file "
                        + webcam.getLock().getLockFile() + " is fresh); video uses the next source", e.getCause());
            }
            throw failed("camera " + webcam.getName() + " could not be opened: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            throw new CaptureException("interrupted while opening camera " + webcam.getName());
        }
        lastPictureNanos = System.nanoTime() + FIRST_PICTURE_GRACE_NANOS;
        current = new PacedCapture(executor, this::closed);
        return current.start(1_000_000_000L / frameRate, this::grab, sink, true);
    }

    /**
     * A camera that cannot be opened now (held by another process, or not answering) is withdrawn by
     * {@link WebcamDiscovery} and probed until it can be: the publication meanwhile uses the next source, and comes
     * back to the camera when it is offered again.
     */
    private CaptureException failed(String why, Throwable cause) {
        openFailure = why;
        return cause == null ? new CaptureException(why) : new CaptureException(why, cause);
    }

    /** Why the last open failed, once; null when it did not fail since last asked. */
    String takeOpenFailure() {
        String why = openFailure;
        openFailure = null;
        return why;
    }

    /** Closes a capture still running when the camera goes away. */
    synchronized void dispose() {
        if (current != null) {
            current.close();
        }
    }

    private synchronized void closed() {
        lastPictureNanos = 0;
        webcam.close();
        current = null;
    }

    /** How long the running capture has had no picture, in nanoseconds; 0 when it is not capturing. */
    long silentNanos(long nowNanos) {
        long last = lastPictureNanos;
        return last == 0 ? 0 : Math.max(0, nowNanos - last);
    }

    /** Whether a capture is running. */
    synchronized boolean capturing() {
        return current != null;
    }

    /**
     * Opens the camera, asks for one picture and closes it again: whether a camera that stopped sending is back.
     * Called with webcam-capture's class loader as context loader, never while a capture runs.
     */
    synchronized boolean probe() {
        if (current != null) return true;
        try {
            if (!webcam.open()) return false;
            return webcam.getImage() != null;
        } catch (RuntimeException e) {
            return false;
        } finally {
            webcam.close();
        }
    }

    private VideoImage grab() {
        BufferedImage image;
        try {
            image = webcam.getImage();
        } catch (RuntimeException e) {
            return null; // a camera that went away; the watch in WebcamDiscovery notices the silence
        }
        if (image == null) {
            return null;
        }
        lastPictureNanos = System.nanoTime();
        if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return new VideoImage(image);
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = copy.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return new VideoImage(copy);
    }

    /** The camera size nearest to the wanted one (by area), or null to keep the camera's default. */
    private static Dimension closest(Dimension[] sizes, MediaFormat format) {
        if (sizes == null || sizes.length == 0 || format == null || format.width() <= 0 || format.height() <= 0) {
            return null;
        }
        long wanted = (long) format.width() * format.height();
        Dimension best = sizes[0];
        for (Dimension size : sizes) {
            if (Math.abs((long) size.width * size.height - wanted) < Math.abs((long) best.width * best.height - wanted)) {
                best = size;
            }
        }
        return best;
    }
}
