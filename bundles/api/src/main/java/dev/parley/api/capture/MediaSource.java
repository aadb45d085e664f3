package dev.parley.api.capture;

import org.osgi.annotation.versioning.ConsumerType;

import dev.parley.api.MediaKind;
import dev.parley.api.codec.RawFrame;
import java.util.function.Consumer;

/**
 * Something that produces raw media: a camera, a microphone, a test pattern, a tone. Registered as a service with
 * {@link #PROP_SOURCE} and {@code service.ranking}; a call uses the best-ranked available source of each kind.
 */
@ConsumerType
public interface MediaSource {
    /** Service property carrying the source id. */
    String PROP_SOURCE = "parley.source";

    /** Stable id, for example {@code test-pattern} or {@code webcam:0}. */
    String id();

    MediaKind kind();

    /** One line for people: what this source is. */
    String description();

    /**
     * Starts capturing. Frames go to {@code sink} from the source's own thread, paced in real time.
     *
     * @throws CaptureException when the device cannot be opened
     */
    Capture open(CaptureSpec spec, Consumer<RawFrame> sink) throws CaptureException;

    /** A running capture; closing it stops the frames. */
    @ConsumerType
    interface Capture extends AutoCloseable {
        @Override
        void close();
    }
}
