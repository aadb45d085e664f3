package dev.parley.capture.video.internal;

import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.MediaSource;
import dev.parley.capture.common.SourceServices;
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
 * Sends pictures from files instead of the camera, for repeatable experiments. Only when configuration PID
 * {@value #PID} exists, it registers a {@link PictureFileSource} ranked {@value #RANKING}, above the webcam and the
 * test pattern, so that calls send the pictures. The source is registered here rather than by DS because its id
 * ({@code file:} and the file or folder name) comes from the configuration.
 *
 * <p>The path is checked once on activation, and one line says what will be sent or what is wrong with it. A path
 * that is wrong still gets its source: each capture opens it anew, so pictures put in place are sent by the next
 * call, and until then the capture's {@link CaptureException} sends the call to the next source.
 *
 * <p>Key: {@code path} (a folder of JPEG and PNG pictures, or an MJPEG file).
 */
@Component(immediate = true, configurationPid = VideoFileComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = VideoFileComponent.Config.class)
public final class VideoFileComponent {
    public static final String PID = "parley.capture.video.file";
    static final int RANKING = 100;
    private static final Logger LOG = LoggerFactory.getLogger(VideoFileComponent.class);

    @ObjectClassDefinition(name = "Parley video file", description = "Sends pictures from files instead of the camera")
    public @interface Config {
        @AttributeDefinition(description = "A folder of JPEG and PNG pictures, played in file-name order (number them "
                + "with leading zeros), or an MJPEG file (JPEG pictures one after another); played round and round at "
                + "the call's frame rate and scaled to its video size; a relative path is taken from the working directory")
        String path() default "";
    }

    private final ServiceRegistration<MediaSource> registration;

    @Activate
    public VideoFileComponent(BundleContext context, Config config) {
        String path = config.path() == null ? "" : config.path().strip();
        if (path.isEmpty()) {
            LOG.warn("{} has no path; set path to a folder of pictures or an MJPEG file to send it instead of the camera", PID);
            registration = null;
            return;
        }
        Path pictures = Path.of(path).toAbsolutePath().normalize();
        PictureFileSource source = new PictureFileSource(pictures);
        report(source, pictures);
        registration = SourceServices.register(context, source, RANKING);
    }

    /** The one line that says what calls will send. */
    private static void report(PictureFileSource source, Path path) {
        try (Pictures pictures = Pictures.open(path)) {
            LOG.info("video source {}: {} ({}), looping", source.id(), path, pictures.describe());
        } catch (CaptureException e) {
            LOG.warn("{}; until it is fixed, calls send the next video source", e.getMessage());
        }
    }

    @Deactivate
    void deactivate() {
        SourceServices.unregister(registration);
    }
}
