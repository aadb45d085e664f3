package dev.parley.capture.audio.internal;

import dev.parley.capture.common.PacedCapture;

import dev.parley.api.MediaKind;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.RawFrame;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A sine tone as mono audio, for machines without a microphone. The pitch depends on the participant's name so
 * streams differ. Frames (default 20 ms at 16 kHz: 320 samples) come at a fixed rate from a daemon thread named
 * {@code parley-tone-<name>}.
 *
 * <p>Configuration PID {@value #PID}: {@code baseFrequency} (Hz, default 440; names raise it by up to 11
 * semitones), {@code level} (0.0 to 1.0 of full scale, default 0.25).
 */
@Component(
        service = MediaSource.class,
        configurationPid = ToneSource.PID,
        property = {
                MediaSource.PROP_SOURCE + "=" + ToneSource.ID,
                FrameEncoder.PROP_KIND + "=AUDIO",
                "service.ranking:Integer=0"
        })
@Designate(ocd = ToneSource.Config.class)
public final class ToneSource implements MediaSource {
    public static final String PID = "parley.capture.audio.tone";
    public static final String ID = "tone";

    @ObjectClassDefinition(name = "Parley tone", description = "Sine tone used when there is no microphone")
    public @interface Config {
        @AttributeDefinition(description = "Lowest pitch in Hz; each participant's name raises it by 0 to 11 semitones")
        double baseFrequency() default 440;

        @AttributeDefinition(description = "Loudness from 0.0 to 1.0 of full scale")
        double level() default 0.25;
    }

    private final double baseFrequency;
    private final double level;

    @Activate
    public ToneSource(Config config) {
        this(config.baseFrequency(), config.level());
    }

    public ToneSource(double baseFrequency, double level) {
        this.baseFrequency = baseFrequency > 0 ? baseFrequency : 440;
        this.level = level;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public MediaKind kind() {
        return MediaKind.AUDIO;
    }

    @Override
    public String description() {
        return "Sine tone (no microphone needed)";
    }

    @Override
    public Capture open(CaptureSpec spec, Consumer<RawFrame> sink) throws CaptureException {
        AudioFrames frames = AudioFrames.of(spec == null ? null : spec.format());
        String name = spec == null || spec.participantName() == null ? "" : spec.participantName();
        ToneGenerator tone = new ToneGenerator(frames, ToneGenerator.frequencyFor(name, baseFrequency), level);
        PacedCapture capture = new PacedCapture(PacedCapture.newExecutor("parley-tone-" + name, null), () -> { });
        return capture.start(frames.frameNanos(), tone::nextFrame, sink);
    }
}
