package dev.parley.capture.video.internal;

import dev.parley.capture.common.PacedCapture;

import dev.parley.api.MediaKind;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Pictures from files played as if they were the camera: a folder of JPEG and PNG files in file-name order, or an
 * MJPEG file, round and round, at the call's frame rate on a daemon thread named {@code parley-video-file-<name>}
 * (decoding runs one picture ahead on {@code parley-video-file-decode-<name>}). Every picture is scaled to fit the
 * call's video size, its shape kept (black bars where it differs), so pictures of any size can be mixed. Each capture starts at the first picture. Registered by
 * {@link VideoFileComponent} when {@value VideoFileComponent#PID} names a path.
 *
 * <p>When the capture does not say, frames are {@value #DEFAULT_WIDTH}x{@value #DEFAULT_HEIGHT} at
 * {@value #DEFAULT_FRAME_RATE} per second; sizes and rates are clamped as the test pattern's are.
 */
final class PictureFileSource implements MediaSource {
    static final String ID_PREFIX = "file:";
    static final int DEFAULT_WIDTH = 640;
    static final int DEFAULT_HEIGHT = 480;
    static final int DEFAULT_FRAME_RATE = 15;

    private final Path path;

    PictureFileSource(Path path) {
        this.path = path;
    }

    @Override
    public String id() {
        return ID_PREFIX + (path.getFileName() == null ? path : path.getFileName());
    }

    @Override
    public MediaKind kind() {
        return MediaKind.VIDEO;
    }

    @Override
    public String description() {
        return "Pictures from " + path + ", looping";
    }

    @Override
    public Capture open(CaptureSpec spec, Consumer<RawFrame> sink) throws CaptureException {
        MediaFormat format = spec == null ? null : spec.format();
        if (format != null && format.kind() != MediaKind.VIDEO) {
            throw new CaptureException("a video file gives video, not " + format.kind());
        }
        int width = clamp(format == null || format.width() <= 0 ? DEFAULT_WIDTH : format.width(),
                TestPattern.MIN_SIZE, TestPattern.MAX_WIDTH);
        int height = clamp(format == null || format.height() <= 0 ? DEFAULT_HEIGHT : format.height(),
                TestPattern.MIN_SIZE, TestPattern.MAX_HEIGHT);
        int frameRate = clamp(format == null || format.frameRate() <= 0 ? DEFAULT_FRAME_RATE : format.frameRate(),
                1, TestPattern.MAX_FRAME_RATE);
        String name = spec == null || spec.participantName() == null ? "" : spec.participantName();

        PictureFeed feed = PictureFeed.start(Pictures.open(path), width, height, "parley-video-file-decode-" + name);
        PacedCapture capture = new PacedCapture(PacedCapture.newExecutor("parley-video-file-" + name, null), feed::close);
        return capture.start(1_000_000_000L / frameRate, feed::next, sink, true);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
