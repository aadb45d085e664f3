package dev.parley.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class VideoWindowTest {
    private static final long MS = 1_000_000L;

    @Test
    void aNewReceiverStartsWithTheConfiguredWindow() {
        assertEquals(4, new VideoWindow(4, 64, 100).size());
    }

    @Test
    void aFastReaderGetsWhatItConsumesInTheLatencyTarget() {
        VideoWindow w = new VideoWindow(4, 64, 100);
        w.acknowledged(0, 1_000 * MS);
        w.acknowledged(270, 2_000 * MS); // 270 frames a second: 27 in 100 ms
        assertEquals(27, w.size());
    }

    @Test
    void aSlowReaderHoldsOnlyTheMinimumSoItsLatencyStaysBounded() {
        VideoWindow w = new VideoWindow(4, 64, 100);
        w.acknowledged(0, 1_000 * MS);
        w.acknowledged(10, 2_000 * MS); // 10 frames a second: one frame in 100 ms
        assertEquals(VideoWindow.MIN, w.size());
    }

    @Test
    void theWindowNeverExceedsItsMaximum() {
        VideoWindow w = new VideoWindow(4, 16, 100);
        w.acknowledged(0, 1_000 * MS);
        w.acknowledged(100_000, 2_000 * MS);
        assertEquals(16, w.size());
    }

    @Test
    void acknowledgementsCloserThanASampleDoNotMoveTheWindow() {
        VideoWindow w = new VideoWindow(4, 64, 100);
        w.acknowledged(0, 1_000 * MS);
        w.acknowledged(500, 1_050 * MS);
        assertEquals(4, w.size());
    }

    @Test
    void theWindowFollowsAReaderThatSlowsDown() {
        VideoWindow w = new VideoWindow(4, 64, 100);
        w.acknowledged(0, 1_000 * MS);
        w.acknowledged(300, 2_000 * MS);
        int fast = w.size();
        for (int s = 3; s < 10; s++) w.acknowledged(300 + (s - 2) * 10, s * 1_000 * MS);
        assertEquals(30, fast);
        assertEquals(VideoWindow.MIN, w.size());
    }
}
