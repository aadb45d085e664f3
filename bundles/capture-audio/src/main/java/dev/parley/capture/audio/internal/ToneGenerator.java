package dev.parley.capture.audio.internal;

import dev.parley.api.codec.AudioSamples;

/** A sine tone cut into frames, with the phase carried from one frame to the next so there are no clicks. */
final class ToneGenerator {
    private static final double TWO_PI = 2 * Math.PI;

    private final AudioFrames frames;
    private final double amplitude;
    private final double step;
    private double phase;

    ToneGenerator(AudioFrames frames, double frequency, double level) {
        this.frames = frames;
        this.amplitude = Math.max(0, Math.min(1, level)) * Short.MAX_VALUE;
        this.step = TWO_PI * frequency / frames.sampleRate();
    }

    /**
     * The pitch for a participant: the base frequency raised by 0 to 11 semitones chosen by the name, so that
     * several synthetic participants are told apart by ear.
     */
    static double frequencyFor(String name, double baseFrequency) {
        int semitones = Math.floorMod(name == null ? 0 : name.hashCode(), 12);
        return baseFrequency * Math.pow(2, semitones / 12.0);
    }

    AudioSamples nextFrame() {
        short[] samples = new short[frames.samplesPerFrame()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(amplitude * Math.sin(phase));
            phase += step;
            if (phase >= TWO_PI) {
                phase -= TWO_PI;
            }
        }
        return new AudioSamples(samples, frames.sampleRate(), 1);
    }
}
