package dev.parley.codec.pcm.internal;

import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.FrameDecoder;

/** Sample rate and channel count of a pcm-s16le stream, and their spelling in the codec id. */
record PcmFormat(int sampleRate, int channels) {
    static final String CODEC = "pcm-s16le";
    static final int RATE_16K = 16000;
    static final int RATE_48K = 48000;
    static final int MAX_ENCODER_CHANNELS = 2;
    /** Decoders accept any rate in this range, so a peer's odd but sane rate still plays. */
    static final int MIN_DECODER_RATE = 8000;
    static final int MAX_DECODER_RATE = 192000;
    static final int MAX_DECODER_CHANNELS = 8;

    /** {@code pcm-s16le;rate=R}, with {@code ;channels=N} only when not mono. */
    String codecId() {
        return CODEC + ";rate=" + sampleRate + (channels == 1 ? "" : ";channels=" + channels);
    }

    /** The format a codec id names; a missing rate or an out-of-range value is a {@link CodecException}. */
    static PcmFormat parse(String codecId) throws CodecException {
        if (codecId == null || !CODEC.equals(FrameDecoder.codecName(codecId))) {
            throw new CodecException("not a " + CODEC + " stream: " + codecId);
        }
        int rate = FrameDecoder.codecParameter(codecId, "rate", -1);
        int channels = FrameDecoder.codecParameter(codecId, "channels", 1);
        if (rate < MIN_DECODER_RATE || rate > MAX_DECODER_RATE) {
            throw new CodecException("codec id " + codecId + " lacks a sample rate between " + MIN_DECODER_RATE
                    + " and " + MAX_DECODER_RATE);
        }
        if (channels < 1 || channels > MAX_DECODER_CHANNELS) {
            throw new CodecException("codec id " + codecId + " has an unsupported channel count");
        }
        return new PcmFormat(rate, channels);
    }
}
