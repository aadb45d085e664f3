package dev.parley.codec.pcm.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.RawFrame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.osgi.service.component.annotations.Component;

/**
 * Decodes pcm-s16le frames. The rate and channel count come from the codec id the session is opened with
 * ({@code rate} is required, {@code channels} defaults to 1). A payload that is not a whole number of sample frames
 * (an odd byte count, or samples not divisible by the channel count) is a {@link CodecException}.
 */
@Component(
        service = FrameDecoder.class,
        property = {
                FrameEncoder.PROP_CODEC + "=" + PcmFormat.CODEC,
                FrameEncoder.PROP_KIND + "=AUDIO",
                "service.ranking:Integer=0"
        })
public final class PcmDecoder implements FrameDecoder {

    @Override
    public String codec() {
        return PcmFormat.CODEC;
    }

    @Override
    public MediaKind kind() {
        return MediaKind.AUDIO;
    }

    @Override
    public DecoderSession open(String codecId) throws CodecException {
        return new Session(PcmFormat.parse(codecId));
    }

    static final class Session implements DecoderSession {
        private final PcmFormat format;

        Session(PcmFormat format) {
            this.format = format;
        }

        @Override
        public RawFrame decode(ByteBuffer payload) throws CodecException {
            int length = payload.remaining();
            if (length % 2 != 0) {
                throw new CodecException("pcm payload of " + length + " bytes is not whole 16-bit samples");
            }
            int count = length / 2;
            if (count % format.channels() != 0) {
                throw new CodecException(count + " samples are not whole frames of " + format.channels() + " channels");
            }
            short[] samples = new short[count];
            payload.duplicate().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
            return new AudioSamples(samples, format.sampleRate(), format.channels());
        }

        @Override
        public void close() {
        }
    }
}
