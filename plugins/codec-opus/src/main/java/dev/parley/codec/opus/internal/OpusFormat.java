package dev.parley.codec.opus.internal;

import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.FrameDecoder;

/** Sample rate and channel count of an Opus stream, and their spelling in the codec id ({@code opus;rate=16000}). */
record OpusFormat(int sampleRate, int channels) {
    static final String CODEC = "opus";
    /** The rates libopus encodes and decodes at. */
    private static final int[] RATES = {8000, 12000, 16000, 24000, 48000};
    /** Longest packet duration Opus allows, which bounds a decoder's output. */
    static final int MAX_FRAME_MILLIS = 120;

    String codecId() {
        return CODEC + ";rate=" + sampleRate + (channels == 1 ? "" : ";channels=" + channels);
    }

    /** Whether {@code samplesPerChannel} is one Opus frame: 2.5, 5, 10, 20, 40 or 60 ms. */
    boolean isFrameSize(int samplesPerChannel) {
        int quantum = sampleRate / 400; // 2.5 ms
        if (samplesPerChannel <= 0 || samplesPerChannel % quantum != 0) return false;
        int n = samplesPerChannel / quantum;
        return n == 1 || n == 2 || n == 4 || n == 8 || n == 16 || n == 24;
    }

    int maxFrameSamples() {
        return sampleRate / 1000 * MAX_FRAME_MILLIS;
    }

    static boolean supportedRate(int rate) {
        for (int r : RATES) if (r == rate) return true;
        return false;
    }

    /** The format a codec id names; a missing or unsupported rate or channel count is a {@link CodecException}. */
    static OpusFormat parse(String codecId) throws CodecException {
        if (codecId == null || !CODEC.equals(FrameDecoder.codecName(codecId))) {
            throw new CodecException("not an opus stream: " + codecId);
        }
        int rate = FrameDecoder.codecParameter(codecId, "rate", -1);
        int channels = FrameDecoder.codecParameter(codecId, "channels", 1);
        if (!supportedRate(rate)) throw new CodecException("codec id " + codecId + " lacks a rate Opus decodes at");
        if (channels != 1 && channels != 2) throw new CodecException("codec id " + codecId + " has an unsupported channel count");
        return new OpusFormat(rate, channels);
    }
}
