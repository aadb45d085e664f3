package dev.parley.api.capture;

import org.osgi.annotation.versioning.ProviderType;

import dev.parley.api.MediaBus;
import dev.parley.api.MediaKind;
import java.util.Optional;

/**
 * Captures one kind of media with the best source present, encodes it with the best encoder present and publishes
 * the frames on a bus as local frames. When a better source or encoder arrives (a plugin dropped in) or the one in
 * use goes away, the publication switches to the next best without stopping.
 */
@ProviderType
public interface MediaPublisher {
    Publication start(MediaBus bus, MediaKind kind, CaptureSpec spec);

    /**
     * The running publication of one kind on a bus, if there is one: how a view finds the camera and microphone of
     * the participant whose call it shows (every participant has a bus of its own), to mute them or switch sources.
     */
    Optional<Publication> publication(MediaBus bus, MediaKind kind);

    /** A running publication. */
    @ProviderType
    interface Publication extends AutoCloseable {
        /** Id of the source in use, or empty when none is present. */
        String source();

        /** Codec id of the last frame published, or empty. */
        String codec();

        /** Stops sending frames without closing (a muted camera or microphone). */
        void setMuted(boolean muted);

        boolean muted();

        /**
         * Prefers the source with this {@link MediaSource#id()} over the best-ranked one while it is present; when
         * it goes or fails the publication falls back to the best-ranked source. Empty clears the preference.
         */
        void preferSource(String sourceId);

        /** The preferred source id, or empty when the best-ranked source is used. */
        String preferredSource();

        /**
         * Prefers the encoder whose {@code codec()} name is this (for example {@code jpeg}, or a codec plugin's) over
         * the best-ranked one while it is present, as {@link #preferSource} does for sources. Empty clears it.
         */
        void preferCodec(String codecName);

        /** The preferred codec name, or empty when the best-ranked encoder is used. */
        String preferredCodec();

        /**
         * Codec agreement: from now on encodes only with encoders whose codec name is in {@code codecNames}, the
         * codecs every receiver in the room can decode, re-choosing at once; null lifts the restriction. When no
         * encoder present is allowed, the best-ranked one is used anyway (the receivers that cannot decode it say
         * so). The preference of {@link #preferCodec} applies within the allowed codecs.
         */
        void allowCodecs(java.util.Set<String> codecNames);

        @Override
        void close();
    }
}
