package dev.parley.ui.swing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.image.BufferedImage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

class ParticipantFeedTest {
    @Test
    void picturesArrivingWhileTheEdtIsBusyAskForOneRepaintThatShowsTheNewest() throws Exception {
        ParticipantFeed feed = new ParticipantFeed(2, "bob");
        AtomicInteger repaints = new AtomicInteger();
        BufferedImage[] seen = new BufferedImage[1];
        feed.onRepaint(() -> {
            repaints.incrementAndGet();
            seen[0] = feed.newest();
        });
        CountDownLatch edtBusy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        SwingUtilities.invokeLater(() -> {
            edtBusy.countDown();
            await(release);
        });
        edtBusy.await();
        BufferedImage last = null;
        for (int i = 0; i < 50; i++) {
            last = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
            feed.picture(last);
        }
        release.countDown();
        SwingUtilities.invokeAndWait(() -> { });
        assertEquals(1, repaints.get());
        assertSame(last, seen[0]);
        assertEquals(50, feed.pictures());
    }

    @Test
    void aProblemReplacesThePictureUntilTheNextPictureArrives() throws Exception {
        ParticipantFeed feed = new ParticipantFeed(3, "carol");
        feed.problem("no decoder for h264");
        assertEquals("no decoder for h264", feed.problem());
        feed.picture(new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB));
        assertEquals("", feed.problem());
        SwingUtilities.invokeAndWait(() -> { });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
