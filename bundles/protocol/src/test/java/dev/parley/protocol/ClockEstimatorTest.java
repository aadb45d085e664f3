package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The NTP-style estimate, with simulated clocks: the relay's clock runs {@code OFFSET} µs ahead of the client's.
 * No test reads the real clock.
 */
class ClockEstimatorTest {
    private static final long OFFSET = 2_500;
    private static final long T = WireExamples.T0;

    /**
     * One PING/PONG exchange started at client time {@code t1}.
     *
     * @param up        µs from the client to the relay
     * @param think     µs the relay takes to answer
     * @param down      µs from the relay back to the client
     */
    private static void exchange(ClockEstimator clock, long t1, long offset, long up, long think, long down) {
        long t2 = t1 + offset + up;
        long t3 = t2 + think;
        long t4 = t3 - offset + down;
        clock.add(new Messages.Pong(t1, t2, t3), t4);
    }

    @Test
    void beforeAnyExchangeTheOffsetIsZeroAndTheRoundTripUnknown() {
        ClockEstimator clock = new ClockEstimator();
        assertEquals(0, clock.offsetMicros());
        assertEquals(-1, clock.roundTripMicros());
        assertEquals(T, clock.toRemote(T));
    }

    @Test
    void aSymmetricExchangeGivesTheExactOffsetAndRoundTrip() {
        ClockEstimator clock = new ClockEstimator();
        exchange(clock, T, OFFSET, 300, 50, 300);
        assertEquals(OFFSET, clock.offsetMicros());
        assertEquals(600, clock.roundTripMicros(), "the relay's 50 µs are not part of the round trip");
    }

    @Test
    void theDocumentedExampleExchangeGivesTheDocumentedFigures() {
        ClockEstimator clock = new ClockEstimator();
        clock.add(new Messages.Pong(T - 2_500, T + 300, T + 350), T - 1_850);
        assertEquals(2_500, clock.offsetMicros());
        assertEquals(600, clock.roundTripMicros());
    }

    @Test
    void aRelayBehindTheClientGivesANegativeOffset() {
        ClockEstimator clock = new ClockEstimator();
        exchange(clock, T, -1_000_000, 200, 0, 200);
        assertEquals(-1_000_000, clock.offsetMicros());
        assertEquals(400, clock.roundTripMicros());
    }

    @Test
    void anAsymmetricDelayBiasesTheOffsetByHalfTheDifference() {
        ClockEstimator clock = new ClockEstimator();
        exchange(clock, T, OFFSET, 10_300, 50, 300);
        assertEquals(OFFSET + 5_000, clock.offsetMicros());
        assertEquals(10_600, clock.roundTripMicros());
    }

    @Test
    void theSampleWithTheSmallestRoundTripWinsWhateverItsPosition() {
        ClockEstimator clock = new ClockEstimator();
        exchange(clock, T, OFFSET, 10_300, 50, 300);        // request queued behind video
        exchange(clock, T + 1_000_000, OFFSET, 300, 50, 300); // clean
        exchange(clock, T + 2_000_000, OFFSET, 300, 50, 8_300); // answer queued
        exchange(clock, T + 3_000_000, OFFSET, 4_000, 50, 900);
        assertEquals(OFFSET, clock.offsetMicros());
        assertEquals(600, clock.roundTripMicros());
    }

    @Test
    void theCleanSampleIsForgottenAfterEightNewerOnes() {
        ClockEstimator clock = new ClockEstimator();
        exchange(clock, T, OFFSET, 300, 0, 300);
        for (int i = 1; i <= 7; i++) exchange(clock, T + i, OFFSET, 1_000 + 2 * i, 0, 1_000);
        assertEquals(OFFSET, clock.offsetMicros(), "still among the last eight");
        exchange(clock, T + 8, OFFSET, 1_100, 0, 1_000);
        assertEquals(2_002, clock.roundTripMicros(), "best of the eight newest");
        assertEquals(OFFSET + 1, clock.offsetMicros());
    }

    @Test
    void anEstimateFollowsAClockThatWasReset() {
        ClockEstimator clock = new ClockEstimator();
        exchange(clock, T, OFFSET, 300, 0, 300);
        for (int i = 1; i <= 8; i++) exchange(clock, T + i, 90_000, 500, 0, 500);
        assertEquals(90_000, clock.offsetMicros());
        assertEquals(1_000, clock.roundTripMicros());
    }

    @Test
    void anInconsistentExchangeCountsAsAZeroRoundTrip() {
        ClockEstimator clock = new ClockEstimator();
        // The answering side claims to have held the PING longer than the whole exchange took.
        clock.add(new Messages.Pong(T, T + 100, T + 900), T + 500);
        assertEquals(0, clock.roundTripMicros());
        assertEquals(250, clock.offsetMicros());
    }

    @Test
    void convertingToTheRemoteClockAndBackIsTheIdentity() {
        ClockEstimator clock = new ClockEstimator();
        exchange(clock, T, OFFSET, 300, 50, 300);
        long capture = T + 123_456;
        assertEquals(capture + OFFSET, clock.toRemote(capture), "media timestamps are stamped in the relay's clock");
        assertEquals(capture, clock.toLocal(clock.toRemote(capture)));
    }
}
