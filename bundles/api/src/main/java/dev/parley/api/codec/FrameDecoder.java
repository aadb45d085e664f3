package dev.parley.api.codec;

import org.osgi.annotation.versioning.ConsumerType;

import dev.parley.api.MediaKind;
import java.nio.ByteBuffer;

/**
 * A codec's decoding side, registered as a service with {@link FrameEncoder#PROP_CODEC}. Receivers pick the decoder
 * by the codec name in each frame.
 */
@ConsumerType
public interface FrameDecoder {
    String codec();

    MediaKind kind();

    /**
     * Opens a session for one stream.
     *
     * @param codecId the full codec id of the stream's frames, parameters included
     */
    DecoderSession open(String codecId) throws CodecException;

    /** Decodes the frames of one stream, in order, from one thread at a time. */
    @ConsumerType
    interface DecoderSession extends AutoCloseable {
        RawFrame decode(ByteBuffer payload) throws CodecException;

        @Override
        void close();
    }

    /** The codec name of a codec id: {@code "pcm-s16le;rate=16000"} gives {@code "pcm-s16le"}. */
    static String codecName(String codecId) {
        int semi = codecId.indexOf(';');
        return semi < 0 ? codecId : codecId.substring(0, semi);
    }

    /** An integer parameter of a codec id, or {@code fallback} if it is absent or not a number. */
    static int codecParameter(String codecId, String key, int fallback) {
        for (String part : codecId.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equals(key)) {
                try {
                    return Integer.parseInt(part.substring(eq + 1).trim());
                } catch (NumberFormatException e) {
                    return fallback;
                }
            }
        }
        return fallback;
    }
}
