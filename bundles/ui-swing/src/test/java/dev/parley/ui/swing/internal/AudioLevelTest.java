package dev.parley.ui.swing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AudioLevelTest {
    @Test
    void aFullScaleSquareWaveHasRmsAndPeakNearOne() {
        short[] samples = new short[320];
        for (int i = 0; i < samples.length; i++) samples[i] = (short) (i % 2 == 0 ? 32767 : -32768);
        AudioLevel l = AudioLevel.of(samples);
        assertEquals(1.0, l.rms(), 0.001);
        assertEquals(1.0, l.peak(), 0.001);
    }

    @Test
    void aSineAtHalfScaleHasPeakOneHalfAndRmsOneHalfOverRootTwo() {
        short[] samples = new short[16000];
        for (int i = 0; i < samples.length; i++) samples[i] = (short) Math.round(16384 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        AudioLevel l = AudioLevel.of(samples);
        assertEquals(0.5, l.peak(), 0.001);
        assertEquals(0.5 / Math.sqrt(2), l.rms(), 0.001);
        assertEquals(-9.0, AudioLevel.decibels(l.rms()), 0.1);
    }

    @Test
    void silenceSitsAtTheBottomOfTheMeterAndFullScaleAtTheTop() {
        AudioLevel l = AudioLevel.of(new short[160]);
        assertEquals(0, l.rms());
        assertEquals(0, AudioLevel.meterPosition(l.rms()));
        assertEquals(AudioLevel.FLOOR_DB, AudioLevel.decibels(0.0000001));
        assertEquals(1, AudioLevel.meterPosition(1.0), 1e-9);
        assertEquals(0.5, AudioLevel.meterPosition(Math.pow(10, -30 / 20.0)), 1e-9, "-30 dB is half way");
    }
}
