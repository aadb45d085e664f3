package dev.parley.codec.example.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.RawFrame;
import java.nio.ByteBuffer;
import org.osgi.service.component.annotations.Component;

/**
 * The decoding side, with the same service properties as the encoder. Its presence is what this participant
 * announces to the room (CODECS), so senders may choose pcmu for it.
 */
@Component(service = FrameDecoder.class, property = {
        FrameEncoder.PROP_CODEC + "=" + MuLaw.CODEC,
        FrameEncoder.PROP_KIND + "=AUDIO",
        "service.ranking:Integer=5"})
public final class MuLawDecoder implements FrameDecoder {
    @Override
    public String codec() {
        return MuLaw.CODEC;
    }

    @Override
    public MediaKind kind() {
        return MediaKind.AUDIO;
    }

    /** One session per incoming stream, opened with the codec id of its first frame. */
    @Override
    public DecoderSession open(String codecId) throws CodecException {
        int rate;
        try {
            rate = MuLaw.rate(codecId);
        } catch (IllegalArgumentException e) {
            throw new CodecException(e.getMessage());
        }
        return new DecoderSession() {
            @Override
            public RawFrame decode(ByteBuffer payload) {
                short[] samples = new short[payload.remaining()];
                for (int i = 0; i < samples.length; i++) samples[i] = MuLaw.decode(payload.get(payload.position() + i));
                return new AudioSamples(samples, rate, 1);
            }

            @Override
            public void close() {
                // Nothing held between frames.
            }
        };
    }
}
