package dev.parley.capture.video.internal;

import dev.parley.capture.common.PacedCapture;

import dev.parley.api.MediaKind;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A moving test pattern: colour bars, a grey ramp, a bouncing box and a sweeping bar, with the participant's name,
 * a frame counter and the wall-clock time drawn in. Works headless, so every feature can run without a camera.
 *
 * <p>Each open capture has its own daemon thread, {@code parley-test-pattern-<name>}, producing frames at a fixed
 * rate. Every frame is a new TYPE_3BYTE_BGR image, since consumers keep them.
 *
 * <p>Configuration PID {@value #PID}, used when the capture spec does not say: {@code width} (default 640),
 * {@code height} (480), {@code frameRate} (15). Sizes are clamped to {@value #MIN_SIZE}..{@value #MAX_WIDTH} x
 * {@value #MIN_SIZE}..{@value #MAX_HEIGHT}, rates to 1..{@value #MAX_FRAME_RATE}.
 */
@Component(
        service = MediaSource.class,
        configurationPid = TestPattern.PID,
        property = {
                MediaSource.PROP_SOURCE + "=" + TestPattern.ID,
                FrameEncoder.PROP_KIND + "=VIDEO",
                "service.ranking:Integer=0"
        })
@Designate(ocd = TestPattern.Config.class)
public final class TestPattern implements MediaSource {
    public static final String PID = "parley.capture.video.testpattern";
    public static final String ID = "test-pattern";
    static final int MIN_SIZE = 16;
    static final int MAX_WIDTH = 3840;
    static final int MAX_HEIGHT = 2160;
    static final int MAX_FRAME_RATE = 60;

    @ObjectClassDefinition(name = "Parley test pattern", description = "Moving test pattern used when there is no camera")
    public @interface Config {
        @AttributeDefinition(description = "Width in pixels when the capture does not ask for one")
        int width() default 640;

        @AttributeDefinition(description = "Height in pixels when the capture does not ask for one")
        int height() default 480;

        @AttributeDefinition(description = "Frames per second when the capture does not ask for a rate")
        int frameRate() default 15;
    }

    private final int defaultWidth;
    private final int defaultHeight;
    private final int defaultFrameRate;

    @Activate
    public TestPattern(Config config) {
        this(config.width(), config.height(), config.frameRate());
    }

    public TestPattern(int defaultWidth, int defaultHeight, int defaultFrameRate) {
        this.defaultWidth = defaultWidth;
        this.defaultHeight = defaultHeight;
        this.defaultFrameRate = defaultFrameRate;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public MediaKind kind() {
        return MediaKind.VIDEO;
    }

    @Override
    public String description() {
        return "Moving test pattern (no camera needed)";
    }

    @Override
    public Capture open(CaptureSpec spec, Consumer<RawFrame> sink) throws CaptureException {
        MediaFormat format = spec == null ? null : spec.format();
        if (format != null && format.kind() != MediaKind.VIDEO) {
            throw new CaptureException("the test pattern produces video, not " + format.kind());
        }
        int width = clamp(format == null || format.width() <= 0 ? defaultWidth : format.width(), MIN_SIZE, MAX_WIDTH);
        int height = clamp(format == null || format.height() <= 0 ? defaultHeight : format.height(), MIN_SIZE, MAX_HEIGHT);
        int frameRate = clamp(format == null || format.frameRate() <= 0 ? defaultFrameRate : format.frameRate(), 1, MAX_FRAME_RATE);
        String name = spec == null || spec.participantName() == null ? "" : spec.participantName();

        TestPatternPainter painter = new TestPatternPainter(width, height, frameRate, name);
        PacedCapture capture = new PacedCapture(PacedCapture.newExecutor("parley-test-pattern-" + name, null), () -> { });
        return capture.start(1_000_000_000L / frameRate, painter::nextFrame, sink, true);
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }
}
