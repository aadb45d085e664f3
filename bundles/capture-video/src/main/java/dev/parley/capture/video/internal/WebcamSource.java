package dev.parley.capture.video.internal;

import dev.parley.capture.common.PacedCapture;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamDiscoveryService;
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
 * webcam-capture gets the library's own loader. One capture at a time per camera.
 */
final class WebcamSource implements MediaSource {
    private static final int DEFAULT_FRAME_RATE = 15;
    private static final int MAX_FRAME_RATE = 30;

    private final Webcam webcam;
    private final String id;
    private final long openTimeoutMillis;
    private PacedCapture current;

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
            throw new CaptureException("camera " + webcam.getName() + " did not open within " + openTimeoutMillis + " ms");
        } catch (ExecutionException e) {
            executor.shutdownNow();
            throw new CaptureException("camera " + webcam.getName() + " could not be opened: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            throw new CaptureException("interrupted while opening camera " + webcam.getName());
        }
        current = new PacedCapture(executor, this::closed);
        return current.start(1_000_000_000L / frameRate, this::grab, sink, true);
    }

    /** Closes a capture still running when the camera goes away. */
    synchronized void dispose() {
        if (current != null) {
            current.close();
        }
    }

    private synchronized void closed() {
        webcam.close();
        current = null;
    }

    private VideoImage grab() {
        BufferedImage image = webcam.getImage();
        if (image == null) {
            return null;
        }
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
