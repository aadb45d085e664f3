package dev.parley.capture.audio.internal;

import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.MediaSource;
import dev.parley.capture.common.SourceServices;
import java.io.IOException;
import java.nio.file.Path;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a WAV file instead of the microphone, for repeatable experiments. Only when configuration PID {@value #PID}
 * exists, it registers a {@link WavFileSource} ranked {@value #RANKING}, above the sound card and the tone, so that
 * calls send the file. The source is registered here rather than by DS because its id ({@code file:} and the file
 * name) comes from the configuration.
 *
 * <p>The file is checked once on activation, and one line says what will be sent or what is wrong with it. A file
 * that is wrong still gets its source: each capture opens the file anew, so a file fixed in place is sent by the
 * next call, and until then the capture's {@link CaptureException} sends the call to the next source.
 *
 * <p>Keys: {@code path} (the WAV file), {@code loop} (default true).
 */
@Component(immediate = true, configurationPid = AudioFileComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = AudioFileComponent.Config.class)
public final class AudioFileComponent {
    public static final String PID = "parley.capture.audio.file";
    static final int RANKING = 100;
    private static final Logger LOG = LoggerFactory.getLogger(AudioFileComponent.class);

    @ObjectClassDefinition(name = "Parley audio file", description = "Sends a WAV file instead of the microphone")
    public @interface Config {
        @AttributeDefinition(description = "The WAV file to send: integer PCM of 8, 16 or 24 bits, mono or stereo, "
                + "any rate (mixed down to mono and converted to the call's rate); a relative path is taken from the "
                + "working directory")
        String path() default "";

        @AttributeDefinition(description = "Start again from the beginning when the file ends; false sends silence after it")
        boolean loop() default true;
    }

    private final ServiceRegistration<MediaSource> registration;

    @Activate
    public AudioFileComponent(BundleContext context, Config config) {
        String path = config.path() == null ? "" : config.path().strip();
        if (path.isEmpty()) {
            LOG.warn("{} has no path; set path to a WAV file to send it instead of the microphone", PID);
            registration = null;
            return;
        }
        Path file = Path.of(path).toAbsolutePath().normalize();
        WavFileSource source = new WavFileSource(file, config.loop());
        report(source, file, config.loop());
        registration = SourceServices.register(context, source, RANKING);
    }

    /** The one line that says what calls will send. */
    private static void report(WavFileSource source, Path file, boolean loop) {
        try (WavReader reader = WavReader.open(file)) {
            LOG.info("audio source {}: {} ({}), {}", source.id(), file, reader.describe(),
                    loop ? "looping" : "once, then silence");
        } catch (CaptureException e) {
            LOG.warn("{}; until it is fixed, calls send the next audio source", e.getMessage());
        } catch (IOException e) {
            LOG.debug("closing {} failed", file, e);
        }
    }

    @Deactivate
    void deactivate() {
        SourceServices.unregister(registration);
    }
}
