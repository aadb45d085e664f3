package dev.parley.capture.audio.internal;

import dev.parley.api.capture.AudioSink;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.codec.MediaFormat;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what would be played into WAV files (16-bit PCM in each playback's rate and channels), paced in real time
 * like the null sink (see {@link RecordingPlayback}). Only when configuration PID {@value #PID} exists; ranked
 * {@value #RANKING}, above the sound card and the null sink, so that calls record instead of playing.
 *
 * <p>Each playback (one per remote stream) gets a file of its own: the first the configured path, later ones the
 * path with {@code -2}, {@code -3} and so on before its extension. Numbers are never given twice while the
 * component runs, so a playback reopened for a new format does not overwrite the earlier recording; the log says
 * which file each playback records to.
 *
 * <p>Key: {@code path}.
 */
@Component(
        service = AudioSink.class,
        configurationPid = RecordingSink.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {
                AudioSink.PROP_SINK + "=" + RecordingSink.ID,
                "service.ranking:Integer=" + RecordingSink.RANKING
        })
@Designate(ocd = RecordingSink.Config.class)
public final class RecordingSink implements AudioSink {
    public static final String PID = "parley.sink.record";
    public static final String ID = "record";
    static final int RANKING = 100;
    private static final Logger LOG = LoggerFactory.getLogger(RecordingSink.class);

    @ObjectClassDefinition(name = "Parley recording", description = "Records the audio a call plays into WAV files instead of playing it")
    public @interface Config {
        @AttributeDefinition(description = "The WAV file to write (replaced if it exists; missing folders are created); "
                + "further playbacks write to the same name with -2, -3 before .wav; a relative path is taken from "
                + "the working directory")
        String path() default "";
    }

    private final Path file;
    private final AtomicInteger opened = new AtomicInteger();

    @Activate
    public RecordingSink(Config config) {
        this(config.path());
    }

    RecordingSink(String path) {
        String stripped = path == null ? "" : path.strip();
        this.file = stripped.isEmpty() ? null : Path.of(stripped).toAbsolutePath().normalize();
        if (file == null) {
            LOG.warn("{} has no path; set path to the WAV file to record into", PID);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Recording into " + (file == null ? "nothing (no path set)" : file) + ", paced in real time";
    }

    @Override
    public Playback open(MediaFormat format) throws CaptureException {
        AudioFrames frames = AudioFrames.of(format); // same checks as a sound card, so a bad format shows up here too
        if (file == null) {
            throw new CaptureException("no recording file: set path in " + PID);
        }
        int channels = format == null || format.channels() <= 0 ? 1 : format.channels();
        int number = opened.incrementAndGet();
        Path target = numbered(file, number);
        RecordingPlayback playback = RecordingPlayback.create(target, frames.sampleRate(), channels, PlayoutClock.SYSTEM,
                RecordingPlayback.MAX_DATA_BYTES);
        LOG.info("recording playback {} ({} Hz, {} channel{}) to {}", number, frames.sampleRate(), channels,
                channels == 1 ? "" : "s", target);
        return playback;
    }

    /** The file of the n-th playback: the path itself for the first, else {@code name-n.ext}. */
    static Path numbered(Path file, int number) {
        if (number <= 1 || file.getFileName() == null) {
            return file;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numberedName = dot > 0 ? name.substring(0, dot) + "-" + number + name.substring(dot) : name + "-" + number;
        return file.resolveSibling(numberedName);
    }
}
