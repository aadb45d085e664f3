package dev.parley.codec.example.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.EncodedFrame;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import org.osgi.service.component.annotations.Component;

/**
 * The encoding side. The service properties are what Parley looks at: the codec name ({@code parley.codec}), the
 * kind it encodes ({@code parley.kind}, the name of a {@link MediaKind}: {@code AUDIO} or {@code VIDEO}) and the
 * ranking, here 5: above raw PCM (0), below Opus (10). A publication uses the best-ranked encoder whose codec every
 * receiver in the room can decode.
 */
@Component(service = FrameEncoder.class, property = {
        FrameEncoder.PROP_CODEC + "=" + MuLaw.CODEC,
        FrameEncoder.PROP_KIND + "=AUDIO",
        "service.ranking:Integer=5"})
public final class MuLawEncoder implements FrameEncoder {
    @Override
    public String codec() {
        return MuLaw.CODEC;
    }

    @Override
    public MediaKind kind() {
        return MediaKind.AUDIO;
    }

    /** One session per stream; refusing a format (here: stereo) makes the publication use its next-best encoder. */
    @Override
    public EncoderSession open(MediaFormat format) throws CodecException {
        if (format.kind() != MediaKind.AUDIO || format.channels() != 1) {
            throw new CodecException("pcmu encodes mono audio, not " + format);
        }
        String codecId = MuLaw.codecId(format.sampleRate());
        return new EncoderSession() {
            @Override
            public EncodedFrame encode(RawFrame frame) throws CodecException {
                if (!(frame instanceof AudioSamples audio) || audio.channels() != 1) {
                    throw new CodecException("pcmu encodes mono audio samples, not " + frame);
                }
                short[] samples = audio.samples();
                byte[] out = new byte[samples.length];
                for (int i = 0; i < samples.length; i++) out[i] = MuLaw.encode(samples[i]);
                // Every mu-law frame stands alone: each is a keyframe.
                return new EncodedFrame(codecId, out, true);
            }

            @Override
            public void close() {
                // Nothing held between frames.
            }
        };
    }
}
