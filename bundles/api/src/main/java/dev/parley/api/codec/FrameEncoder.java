package dev.parley.api.codec;

import org.osgi.annotation.versioning.ConsumerType;

import dev.parley.api.MediaKind;

/**
 * A codec's encoding side, registered as a service with {@link #PROP_CODEC} and {@code service.ranking}. Each
 * outgoing stream uses the best-ranked encoder for its kind.
 */
@ConsumerType
public interface FrameEncoder {
    /** Service property carrying the codec name (the part of a codec id before any ';'). */
    String PROP_CODEC = "parley.codec";
    /** Service property carrying the media kind name. */
    String PROP_KIND = "parley.kind";

    /** Codec name, for example {@code jpeg}. */
    String codec();

    MediaKind kind();

    /** Opens a stateful session for one stream. */
    EncoderSession open(MediaFormat format) throws CodecException;

    /** Encodes the frames of one stream, in order, from one thread at a time. */
    @ConsumerType
    interface EncoderSession extends AutoCloseable {
        EncodedFrame encode(RawFrame frame) throws CodecException;

        /** Makes the next frame a keyframe; intra-only codecs ignore this. */
        default void requestKeyframe() {
        }

        @Override
        void close();
    }
}
