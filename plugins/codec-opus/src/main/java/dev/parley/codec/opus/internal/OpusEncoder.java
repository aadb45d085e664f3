package dev.parley.codec.opus.internal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.parley.api.MediaKind;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.EncodedFrame;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Opus encoder on libopus: speech-tuned (VOIP application), 16 or 48 kHz, mono or stereo, one packet per frame of
 * 2.5 to 60 ms (Parley sends 20 ms). The codec id carries the format, {@code opus;rate=16000}. Every packet is a
 * keyframe: a decoder can start at any of them.
 */
public final class OpusEncoder implements FrameEncoder {
    private final Opus lib;
    private final Supplier<OpusSettings> settings;

    public OpusEncoder(Opus lib, Supplier<OpusSettings> settings) {
        this.lib = lib;
        this.settings = settings;
    }

    @Override
    public String codec() {
        return OpusFormat.CODEC;
    }

    @Override
    public MediaKind kind() {
        return MediaKind.AUDIO;
    }

    @Override
    public EncoderSession open(MediaFormat format) throws CodecException {
        if (format == null || format.kind() != MediaKind.AUDIO) {
            throw new CodecException("opus encodes audio, not " + (format == null ? null : format.kind()));
        }
        if (format.sampleRate() != 16000 && format.sampleRate() != 48000) {
            throw new CodecException("opus encodes 16000 or 48000 samples per second here, not " + format.sampleRate());
        }
        if (format.channels() != 1 && format.channels() != 2) {
            throw new CodecException("opus encodes mono or stereo, not " + format.channels() + " channels");
        }
        IntByReference error = new IntByReference();
        Pointer state = lib.opus_encoder_create(format.sampleRate(), format.channels(), Opus.OPUS_APPLICATION_VOIP, error);
        if (state == null || error.getValue() != Opus.OPUS_OK) {
            throw new CodecException("opus_encoder_create failed: " + lib.opus_strerror(error.getValue()));
        }
        return new Session(lib, state, new OpusFormat(format.sampleRate(), format.channels()), settings);
    }

    /** One stream's encoder state and output buffer. Synchronized so a close never frees the state mid-frame. */
    static final class Session implements EncoderSession {
        private final Opus lib;
        private final OpusFormat format;
        private final String codecId;
        private final Supplier<OpusSettings> settings;
        private final byte[] packet = new byte[Opus.MAX_PACKET_BYTES];
        private Pointer state;
        private int bitrate = -1;

        Session(Opus lib, Pointer state, OpusFormat format, Supplier<OpusSettings> settings) {
            this.lib = lib;
            this.state = state;
            this.format = format;
            this.codecId = format.codecId();
            this.settings = settings;
        }

        @Override
        public synchronized EncodedFrame encode(RawFrame frame) throws CodecException {
            if (state == null) throw new CodecException("encoder session is closed");
            if (!(frame instanceof AudioSamples audio)) throw new CodecException("opus encodes audio samples, not " + frame);
            if (audio.sampleRate() != format.sampleRate() || audio.channels() != format.channels()) {
                throw new CodecException("samples at " + audio.sampleRate() + " Hz x " + audio.channels()
                        + " do not match the stream's " + codecId);
            }
            short[] samples = audio.samples();
            int perChannel = samples.length / format.channels();
            if (samples.length % format.channels() != 0 || !format.isFrameSize(perChannel)) {
                throw new CodecException(samples.length + " samples are not one Opus frame at " + codecId);
            }
            applyBitrate(settings.get().bitrate());
            int n = lib.opus_encode(state, samples, perChannel, packet, packet.length);
            if (n < 0) throw new CodecException("opus_encode failed: " + lib.opus_strerror(n));
            return new EncodedFrame(codecId, Arrays.copyOf(packet, n), true);
        }

        private void applyBitrate(int wanted) throws CodecException {
            if (wanted == bitrate) return;
            int rc = lib.opus_encoder_ctl(state, Opus.OPUS_SET_BITRATE_REQUEST, wanted);
            if (rc != Opus.OPUS_OK) throw new CodecException("opus bit rate " + wanted + " refused: " + lib.opus_strerror(rc));
            bitrate = wanted;
        }

        @Override
        public synchronized void close() {
            if (state == null) return;
            lib.opus_encoder_destroy(state);
            state = null;
        }
    }
}
