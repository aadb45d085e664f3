package dev.parley.codec.opus.internal;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.parley.api.MediaKind;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.RawFrame;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Opus decoder on libopus, at the rate and channel count the stream's codec id names ({@code opus;rate=16000} or
 * {@code opus;rate=48000}, {@code ;channels=2} for stereo). A packet libopus refuses is a {@link CodecException} and
 * the stream goes on with the next one.
 */
public final class OpusDecoder implements FrameDecoder {
    private final Opus lib;

    public OpusDecoder(Opus lib) {
        this.lib = lib;
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
    public DecoderSession open(String codecId) throws CodecException {
        OpusFormat format = OpusFormat.parse(codecId);
        IntByReference error = new IntByReference();
        Pointer state = lib.opus_decoder_create(format.sampleRate(), format.channels(), error);
        if (state == null || error.getValue() != Opus.OPUS_OK) {
            throw new CodecException("opus_decoder_create failed: " + lib.opus_strerror(error.getValue()));
        }
        return new Session(lib, state, format);
    }

    /** One stream's decoder state, with reused packet and sample buffers. */
    static final class Session implements DecoderSession {
        private final Opus lib;
        private final OpusFormat format;
        private final short[] pcm;
        private byte[] packet = new byte[Opus.MAX_PACKET_BYTES];
        private Pointer state;

        Session(Opus lib, Pointer state, OpusFormat format) {
            this.lib = lib;
            this.state = state;
            this.format = format;
            this.pcm = new short[format.maxFrameSamples() * format.channels()];
        }

        @Override
        public synchronized RawFrame decode(ByteBuffer payload) throws CodecException {
            if (state == null) throw new CodecException("decoder session is closed");
            // An empty packet would mean "lost: conceal it" to libopus; on the wire it is simply broken.
            if (payload == null || !payload.hasRemaining()) throw new CodecException("empty opus packet");
            int length = payload.remaining();
            if (length > packet.length) packet = new byte[length];
            payload.duplicate().get(packet, 0, length);
            int n = lib.opus_decode(state, packet, length, pcm, format.maxFrameSamples(), 0);
            if (n < 0) throw new CodecException("corrupt opus packet: " + lib.opus_strerror(n));
            return new AudioSamples(Arrays.copyOf(pcm, n * format.channels()), format.sampleRate(), format.channels());
        }

        @Override
        public synchronized void close() {
            if (state == null) return;
            lib.opus_decoder_destroy(state);
            state = null;
        }
    }
}
