package dev.parley.ui.swing.internal;

import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;

/**
 * What the media threads know of one participant: the newest decoded picture, why there is none, the audio level.
 * Written by the decoding threads, read by the tile on the EDT. A new picture replaces the one not yet painted
 * (newest wins) and asks for at most one repaint at a time, so a slow EDT never holds up decoding.
 */
final class ParticipantFeed {
    private final int sender;
    private volatile String name;
    private final AtomicReference<BufferedImage> newest = new AtomicReference<>();
    private final AtomicBoolean repaintPending = new AtomicBoolean();
    private final AtomicLong pictures = new AtomicLong();
    private volatile String problem = "";
    private volatile AudioLevel level = AudioLevel.SILENCE;
    private volatile Runnable repaint = () -> { };

    ParticipantFeed(int sender, String name) {
        this.sender = sender;
        this.name = name;
    }

    int sender() { return sender; }

    String name() { return name; }

    void rename(String name) {
        if (name != null && !name.isBlank()) this.name = name;
    }

    /** A decoded picture arrived (any thread). */
    void picture(BufferedImage image) {
        newest.set(image);
        pictures.incrementAndGet();
        problem = "";
        requestRepaint();
    }

    /** The stream cannot be shown, for example "no decoder for h264" (any thread). */
    void problem(String text) {
        if (!text.equals(problem)) {
            problem = text;
            requestRepaint();
        }
    }

    void level(AudioLevel l) { level = l; }

    BufferedImage newest() { return newest.get(); }

    long pictures() { return pictures.get(); }

    String problem() { return problem; }

    AudioLevel level() { return level; }

    /** Who to call on the EDT when there is something new to paint; set by the tile showing this feed. */
    void onRepaint(Runnable r) { repaint = r; }

    private void requestRepaint() {
        if (repaintPending.compareAndSet(false, true)) {
            SwingUtilities.invokeLater(() -> {
                repaintPending.set(false);
                repaint.run();
            });
        }
    }
}
