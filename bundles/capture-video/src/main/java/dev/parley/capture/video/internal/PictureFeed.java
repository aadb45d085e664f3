package dev.parley.capture.video.internal;

import dev.parley.api.capture.CaptureException;
import dev.parley.api.codec.VideoImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.BitSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays pictures in order and round again, each scaled to fit the video size (its shape kept), with one picture decoded ahead on a
 * thread of its own so that decoding never holds up the paced capture thread. At most two pictures are decoded at a
 * time, the one handed out and the one ahead, however many there are.
 *
 * <p>When the capture thread asks and the next picture is not decoded yet, it gets none this time (the receivers
 * keep showing the last one) and gets the picture on a later tick, so the order never changes. A picture that does
 * not decode is skipped and named once in the log; if none decodes any more, no pictures follow.
 */
final class PictureFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PictureFeed.class);
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final Pictures pictures;
    private final int width;
    private final int height;
    private final ExecutorService decoder;
    private final BitSet failed = new BitSet();
    private int position;
    private boolean exhausted;
    /** Set once the first picture is decoded, before the decoding thread takes over. */
    private boolean running;
    private Future<VideoImage> ahead;
    private volatile boolean closed;

    private PictureFeed(Pictures pictures, int width, int height, String threadName) {
        this.pictures = pictures;
        this.width = width;
        this.height = height;
        this.decoder = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Decodes the first picture that decodes before anything starts, so that pictures none of which can be shown
     * fail here, as a capture that cannot start.
     */
    static PictureFeed start(Pictures pictures, int width, int height, String threadName) throws CaptureException {
        PictureFeed feed = new PictureFeed(pictures, width, height, threadName);
        VideoImage first = feed.decodeNext();
        if (first == null) {
            feed.close();
            throw new CaptureException("video file " + pictures + ": none of its " + pictures.count()
                    + " pictures can be decoded; give JPEG or PNG pictures");
        }
        feed.running = true;
        feed.ahead = CompletableFuture.completedFuture(first);
        return feed;
    }

    /** The next picture, or null when it is still being decoded or no picture decodes any more. */
    VideoImage next() {
        if (!ahead.isDone()) {
            return null;
        }
        VideoImage picture;
        try {
            picture = ahead.get();
        } catch (ExecutionException e) {
            LOG.warn("video file {}: decoding failed: {}", pictures, e.getCause().toString());
            picture = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        try {
            ahead = decoder.submit(this::decodeNext);
        } catch (RejectedExecutionException closing) {
            // closed while this frame was on its way; the capture stops delivering before the next one
        }
        return picture;
    }

    /** Decodes the picture at the position and moves on, past any that fail; null when none decodes. */
    private VideoImage decodeNext() {
        if (exhausted) {
            return null;
        }
        for (int tried = 0; tried < pictures.count(); tried++) {
            int index = position;
            position = (position + 1) % pictures.count();
            try {
                return new VideoImage(scale(pictures.decode(index), width, height));
            } catch (IOException | RuntimeException e) {
                if (closed) {
                    return null;
                }
                if (!running) {
                    // Looking for the first picture: if none decodes, the CaptureException says so in one line.
                    LOG.debug("video file {}: picture {} cannot be decoded", pictures, pictures.name(index), e);
                } else if (!failed.get(index)) {
                    failed.set(index);
                    LOG.warn("video file {}: picture {} cannot be decoded ({}); skipping it", pictures, pictures.name(index),
                            e.getMessage());
                }
            }
        }
        exhausted = true;
        if (running) {
            LOG.warn("video file {}: no picture can be decoded any more; sending none", pictures);
        }
        return null;
    }

    /**
     * The picture at the video size as a TYPE_3BYTE_BGR image: as large as fits, its shape kept, centred, with black
     * bars where its shape differs (a 16:9 film in a 4:3 call gets bars above and below, as on a television).
     */
    static BufferedImage scale(BufferedImage picture, int width, int height) {
        if (picture.getWidth() == width && picture.getHeight() == height && picture.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return picture; // decoded for this frame alone, so it can be handed on as it is
        }
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR); // black
        double factor = Math.min((double) width / picture.getWidth(), (double) height / picture.getHeight());
        int w = Math.max(1, (int) Math.round(picture.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(picture.getHeight() * factor));
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(picture, (width - w) / 2, (height - h) / 2, w, h, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    /** Stops decoding, waits a little for a picture being decoded, and closes the pictures' file. */
    @Override
    public void close() {
        closed = true;
        decoder.shutdownNow();
        try {
            if (!decoder.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.warn("video file {}: the decoding thread did not stop within {} ms", pictures, CLOSE_WAIT_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pictures.close();
    }
}
