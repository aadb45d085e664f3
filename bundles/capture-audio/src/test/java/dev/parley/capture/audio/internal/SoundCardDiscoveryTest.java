package dev.parley.capture.audio.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class SoundCardDiscoveryTest {
    @Test
    void probingTheSoundSystemNeverThrowsWithOrWithoutHardware() {
        assertNotNull(SoundCardDiscovery.probe());
    }
}
