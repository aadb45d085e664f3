package dev.parley.capture.audio.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.codec.MediaFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;

/**
 * The shape of this bundle's audio: mono signed 16-bit frames of a fixed duration at a sample rate. Unset parts of
 * a requested format take the defaults ({@value #DEFAULT_RATE} Hz, {@value #DEFAULT_FRAME_MILLIS} ms).
 */
record AudioFrames(int sampleRate, int frameMillis) {
    static final int DEFAULT_RATE = 16000;
    static final int DEFAULT_FRAME_MILLIS = 20;
    static final int MIN_RATE = 8000;
    static final int MAX_RATE = 48000;
    static final int MAX_FRAME_MILLIS = 100;

    static AudioFrames of(MediaFormat format) throws CaptureException {
        if (format != null && format.kind() != MediaKind.AUDIO) {
            throw new CaptureException("an audio device cannot handle " + format.kind());
        }
        int rate = format == null || format.sampleRate() <= 0 ? DEFAULT_RATE : format.sampleRate();
        int millis = format == null || format.frameMillis() <= 0 ? DEFAULT_FRAME_MILLIS : format.frameMillis();
        if (rate < MIN_RATE || rate > MAX_RATE) {
            throw new CaptureException("sample rate " + rate + " is outside " + MIN_RATE + ".." + MAX_RATE);
        }
        if (millis > MAX_FRAME_MILLIS) {
            throw new CaptureException("frames of " + millis + " ms are longer than " + MAX_FRAME_MILLIS + " ms");
        }
        if ((long) rate * millis % 1000 != 0) {
            throw new CaptureException(millis + " ms at " + rate + " Hz is not a whole number of samples");
        }
        return new AudioFrames(rate, millis);
    }

    int samplesPerFrame() {
        return sampleRate * frameMillis / 1000;
    }

    int bytesPerFrame() {
        return samplesPerFrame() * 2;
    }

    long frameNanos() {
        return frameMillis * 1_000_000L;
    }

    /** The javax.sound format: 16-bit signed little-endian mono. */
    AudioFormat soundFormat() {
        return soundFormat(sampleRate);
    }

    static AudioFormat soundFormat(int sampleRate) {
        return new AudioFormat(sampleRate, 16, 1, true, false);
    }

    static short[] toSamples(byte[] bytes, int length) {
        short[] samples = new short[length / 2];
        ByteBuffer.wrap(bytes, 0, length).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    static byte[] toBytes(short[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples);
        return bytes.array();
    }
}
