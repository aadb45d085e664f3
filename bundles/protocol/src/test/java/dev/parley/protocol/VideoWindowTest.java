package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The window as a receiver's acknowledgements drive it, on a simulated clock. */
class VideoWindowTest {
    private static final long MS = 1_000_000L;

    /** Sends while the window is open, then marks it as what held video back. */
    private static int fill(VideoWindow w, long now) {
        int n = 0;
        while (w.open()) {
            w.sent(now);
            n++;
        }
        w.held();
        return n;
    }

    @Test
    void aNewReceiverStartsWithTheConfiguredWindow() {
        VideoWindow w = new VideoWindow(4, 100);
        assertEquals(4, fill(w, 0));
        assertFalse(w.open());
        assertEquals(4, w.inFlight());
    }

    @Test
    void aReceiverThatKeepsUpDoublesItsWindowEveryRoundTripWithoutACeiling() {
        VideoWindow w = new VideoWindow(4, 100);
        long now = 0;
        for (int round = 0; round < 12; round++) {
            fill(w, now);
            now += 2 * MS;
            w.acknowledged(w.sent(), now);
        }
        assertEquals(4 << 12, w.size(), "4 doubled twelve times: far beyond what a room of 56 needs");
        assertEquals(0, w.inFlight());
    }

    @Test
    void aWindowThatHeldNothingBackDoesNotGrow() {
        VideoWindow w = new VideoWindow(4, 100);
        w.sent(0);
        w.sent(0);
        w.acknowledged(2, MS);
        assertEquals(4, w.size(), "the receiver was never limited by the window, so a bigger one would not help it");
    }

    @Test
    void aSlowReaderShrinksToOneFrameSoWhatItReadsIsFresh() {
        VideoWindow w = new VideoWindow(4, 100);
        fill(w, 0);
        // It reads one frame every 100 ms and acknowledges each: the fourth frame waited 400 ms.
        for (int i = 1; i <= 4; i++) w.acknowledged(i, i * 100 * MS);
        assertEquals(1, w.size());
        // Then each frame is read 100 ms after it went out: at the target, so the window stays at one.
        long now = 400 * MS;
        for (int i = 0; i < 20; i++) {
            fill(w, now);
            now += 100 * MS;
            w.acknowledged(w.sent(), now);
        }
        assertEquals(VideoWindow.MIN, w.size());
    }

    @Test
    void theWindowShrinksInProportionToTheDelayOncePerWindow() {
        VideoWindow w = new VideoWindow(90, 100);
        fill(w, 0);
        w.acknowledged(1, 300 * MS); // three times the target: a third of the window
        assertEquals(30, w.size());
        w.acknowledged(2, 900 * MS); // frames sent before that shrink: not counted again
        assertEquals(30, w.size());
    }

    @Test
    void aDelayBetweenHalfTheTargetAndTheTargetHoldsTheWindow() {
        VideoWindow w = new VideoWindow(8, 100);
        fill(w, 0);
        w.acknowledged(8, 70 * MS);
        assertEquals(8, w.size());
    }

    @Test
    void aReceiverThatRecoversGrowsAgain() {
        VideoWindow w = new VideoWindow(64, 100);
        fill(w, 0);
        w.acknowledged(64, 800 * MS);
        assertEquals(8, w.size());
        long now = 800 * MS;
        for (int round = 0; round < 3; round++) {
            fill(w, now);
            now += MS;
            w.acknowledged(w.sent(), now);
        }
        assertEquals(64, w.size());
    }

    @Test
    void staleAndExcessiveCountsNeitherWidenNorConfuseTheWindow() {
        VideoWindow w = new VideoWindow(4, 100);
        fill(w, 0);
        w.acknowledged(1_000, MS); // more than was sent: everything sent
        assertEquals(0, w.inFlight());
        int size = w.size();
        w.acknowledged(2, 2 * MS); // behind the last count: stale
        assertEquals(size, w.size());
        assertEquals(0, w.inFlight());
        assertTrue(w.open());
    }

    @Test
    void countsWrapAroundTwoToTheThirtyTwo() {
        VideoWindow w = VideoWindow.startingAt(4, 100, -3); // 2^32 - 3 frames already sent and acknowledged
        assertEquals(4, fill(w, 0));
        assertEquals(1, w.sent(), "the count wrapped past 2^32");
        w.acknowledged(-1, MS); // 2^32 - 1: two of the four
        assertEquals(2, w.inFlight());
        w.acknowledged(1, 2 * MS);
        assertEquals(0, w.inFlight());
        assertEquals(6, w.size(), "grew by the two frames of the first count; nothing was held back after it");
    }
}
