package dev.parley.api.capture;

import dev.parley.api.MediaBus;
import dev.parley.api.MediaKind;

/**
 * Captures one kind of media with the best source present, encodes it with the best encoder present and publishes
 * the frames on a bus as local frames. When a better source or encoder arrives (a plugin dropped in) or the one in
 * use goes away, the publication switches to the next best without stopping.
 */
public interface MediaPublisher {
    Publication start(MediaBus bus, MediaKind kind, CaptureSpec spec);

    /** A running publication. */
    interface Publication extends AutoCloseable {
        /** Id of the source in use, or empty when none is present. */
        String source();

        /** Codec id of the last frame published, or empty. */
        String codec();

        /** Stops sending frames without closing (a muted camera or microphone). */
        void setMuted(boolean muted);

        boolean muted();

        @Override
        void close();
    }
}
