package dev.parley.api.codec;

/**
 * Signed 16-bit PCM samples, interleaved when there is more than one channel.
 *
 * @param samples    the samples; must not be changed after they are handed on
 * @param sampleRate samples per second per channel
 * @param channels   1 for mono
 */
public record AudioSamples(short[] samples, int sampleRate, int channels) implements RawFrame {
    public AudioSamples {
        if (sampleRate <= 0 || channels <= 0) throw new IllegalArgumentException("bad audio format");
    }

    /** Duration in microseconds. */
    public long durationMicros() {
        return samples.length / channels * 1_000_000L / sampleRate;
    }
}
