package dev.parley.codec.pcm.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.EncodedFrame;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.osgi.service.component.annotations.Component;

/**
 * Raw PCM: each sample as a signed 16-bit little-endian integer, channels interleaved. Every frame is a keyframe.
 *
 * <p>Sessions open for {@value PcmFormat#RATE_16K} or {@value PcmFormat#RATE_48K} samples per second, mono or stereo.
 * The codec id carries the format, for example {@code pcm-s16le;rate=16000} (mono) or
 * {@code pcm-s16le;rate=48000;channels=2}.
 */
@Component(
        service = FrameEncoder.class,
        property = {
                FrameEncoder.PROP_CODEC + "=" + PcmFormat.CODEC,
                FrameEncoder.PROP_KIND + "=AUDIO",
                "service.ranking:Integer=0"
        })
public final class PcmEncoder implements FrameEncoder {

    @Override
    public String codec() {
        return PcmFormat.CODEC;
    }

    @Override
    public MediaKind kind() {
        return MediaKind.AUDIO;
    }

    @Override
    public EncoderSession open(MediaFormat format) throws CodecException {
        if (format == null || format.kind() != MediaKind.AUDIO) {
            throw new CodecException("pcm encodes audio, not " + (format == null ? null : format.kind()));
        }
        if (format.sampleRate() != PcmFormat.RATE_16K && format.sampleRate() != PcmFormat.RATE_48K) {
            throw new CodecException("pcm encodes 16000 or 48000 samples per second, not " + format.sampleRate());
        }
        if (format.channels() < 1 || format.channels() > PcmFormat.MAX_ENCODER_CHANNELS) {
            throw new CodecException("pcm encodes mono or stereo, not " + format.channels() + " channels");
        }
        return new Session(new PcmFormat(format.sampleRate(), format.channels()));
    }

    static final class Session implements EncoderSession {
        private final PcmFormat format;
        private final String codecId;

        Session(PcmFormat format) {
            this.format = format;
            this.codecId = format.codecId();
        }

        @Override
        public EncodedFrame encode(RawFrame frame) throws CodecException {
            if (!(frame instanceof AudioSamples audio)) {
                throw new CodecException("pcm encodes audio samples, not " + frame);
            }
            if (audio.sampleRate() != format.sampleRate() || audio.channels() != format.channels()) {
                throw new CodecException("samples at " + audio.sampleRate() + " Hz x " + audio.channels()
                        + " do not match the stream's " + codecId);
            }
            short[] samples = audio.samples();
            if (samples.length % audio.channels() != 0) {
                throw new CodecException(samples.length + " samples are not whole frames of " + audio.channels() + " channels");
            }
            ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asShortBuffer().put(samples);
            return new EncodedFrame(codecId, bytes.array(), true);
        }

        @Override
        public void close() {
        }
    }
}
