package dev.parley.capture.video.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaSource.Capture;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import dev.parley.api.codec.VideoImage;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TestPatternTest {
    /** Generous: only a broken source takes this long; a healthy one needs a fraction of a second. */
    private static final long PATIENCE_SECONDS = 20;

    private final TestPattern pattern = new TestPattern(640, 480, 15);

    @Test
    void framesArriveAtTheRequestedSizeAsNewBgrImages() throws Exception {
        List<RawFrame> frames = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);

        try (Capture capture = pattern.open(spec("alice", 320, 240, 30), frame -> {
            frames.add(frame);
            three.countDown();
        })) {
            assertTrue(three.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "fewer than 3 frames arrived");
        }

        for (RawFrame frame : frames) {
            BufferedImage image = ((VideoImage) frame).image();
            assertEquals(320, image.getWidth());
            assertEquals(240, image.getHeight());
            assertEquals(BufferedImage.TYPE_3BYTE_BGR, image.getType());
        }
        assertNotSame(((VideoImage) frames.get(0)).image(), ((VideoImage) frames.get(1)).image());
    }

    @Test
    void twoConsecutiveFramesDifferInPixels() throws Exception {
        List<VideoImage> frames = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);

        try (Capture capture = pattern.open(spec("bob", 320, 240, 30), frame -> {
            frames.add((VideoImage) frame);
            two.countDown();
        })) {
            assertTrue(two.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "fewer than 2 frames arrived");
        }

        assertTrue(differingPixels(frames.get(0).image(), frames.get(1).image()) > 100);
    }

    @Test
    void theMovingPartsAloneMakeConsecutiveFramesDiffer() {
        TestPatternPainter painter = new TestPatternPainter(160, 120, 15, "carol");

        BufferedImage first = painter.nextFrame().image();
        BufferedImage second = painter.nextFrame().image();

        assertTrue(differingPixels(first, second) > 50);
    }

    @Test
    void theParticipantNameIsDrawnIn() {
        BufferedImage alice = new TestPatternPainter(320, 240, 15, "alice").nextFrame().image();
        BufferedImage bob = new TestPatternPainter(320, 240, 15, "bob").nextFrame().image();

        assertTrue(differingPixels(alice, bob) > 100);
    }

    @Test
    void closingStopsTheFramesAndTheThread() throws Exception {
        AtomicInteger count = new AtomicInteger();
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(2);
        Capture capture = pattern.open(spec("dave", 64, 48, 60), frame -> {
            thread.set(Thread.currentThread());
            count.incrementAndGet();
            started.countDown();
        });
        assertTrue(started.await(PATIENCE_SECONDS, TimeUnit.SECONDS));

        capture.close();
        int atClose = count.get();
        thread.get().join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));

        assertFalse(thread.get().isAlive());
        assertEquals(atClose, count.get());
        capture.close(); // closing twice is harmless
    }

    @Test
    void eachCaptureHasItsOwnNamedDaemonThread() throws Exception {
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch one = new CountDownLatch(1);

        try (Capture capture = pattern.open(spec("erin", 64, 48, 30), frame -> {
            thread.compareAndSet(null, Thread.currentThread());
            one.countDown();
        })) {
            assertTrue(one.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
        }

        assertEquals("parley-test-pattern-erin", thread.get().getName());
        assertTrue(thread.get().isDaemon());
    }

    @Test
    void anEmptyFormatGivesTheDefaultSize() throws Exception {
        AtomicReference<VideoImage> first = new AtomicReference<>();
        CountDownLatch one = new CountDownLatch(1);

        try (Capture capture = pattern.open(spec("frank", 0, 0, 0), frame -> {
            first.compareAndSet(null, (VideoImage) frame);
            one.countDown();
        })) {
            assertTrue(one.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
        }

        assertEquals(640, first.get().width());
        assertEquals(480, first.get().height());
    }

    @Test
    void aSinkThatThrowsDoesNotStopTheFrames() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);

        try (Capture capture = pattern.open(spec("grace", 64, 48, 60), frame -> {
            three.countDown();
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("consumer bug");
            }
        })) {
            assertTrue(three.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aSinkMayCloseItsCaptureFromInsideTheCallback() throws Exception {
        AtomicReference<Capture> capture = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        AtomicInteger after = new AtomicInteger();

        capture.set(pattern.open(spec("heidi", 64, 48, 60), frame -> {
            if (closed.getCount() == 0) {
                after.incrementAndGet();
                return;
            }
            while (capture.get() == null) {
                Thread.onSpinWait();
            }
            capture.get().close();
            closed.countDown();
        }));

        assertTrue(closed.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
        capture.get().close();
        assertEquals(0, after.get());
    }

    @Test
    void askingTheTestPatternForAudioIsACaptureException() {
        assertThrows(CaptureException.class,
                () -> pattern.open(new CaptureSpec("ivan", MediaFormat.audio(16000, 1, 20)), frame -> { }));
    }

    private static CaptureSpec spec(String name, int width, int height, int frameRate) {
        return new CaptureSpec(name, MediaFormat.video(width, height, frameRate));
    }

    private static int differingPixels(BufferedImage a, BufferedImage b) {
        int count = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    count++;
                }
            }
        }
        return count;
    }
}
