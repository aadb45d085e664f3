package dev.parley.ui.swing.internal;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import javax.swing.JComponent;

/**
 * Paints the newest picture of a feed, scaled to fit and centred, or a line saying why there is none. It reads the
 * feed only when Swing paints, so pictures that arrive faster than the screen repaints are skipped, not queued.
 */
final class PictureView extends JComponent {
    private static final Color BACKGROUND = new Color(0x1B, 0x1E, 0x23);
    private final ParticipantFeed feed;
    private String overlay = "";
    private BufferedImage lastPainted;
    private long painted;

    PictureView(ParticipantFeed feed) {
        this.feed = feed;
        setOpaque(true);
    }

    String overlay() { return overlay; }

    /** A note drawn over the picture, for example "camera muted"; empty for none. EDT only. */
    void overlay(String text) {
        if (!text.equals(overlay)) {
            overlay = text;
            repaint();
        }
    }

    /** Distinct pictures painted so far. */
    long painted() {
        return painted;
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0.create();
        try {
            int w = getWidth(), h = getHeight();
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, w, h);
            BufferedImage image = feed.newest();
            String problem = feed.problem();
            if (image != null && problem.isEmpty()) {
                double scale = Math.min((double) w / image.getWidth(), (double) h / image.getHeight());
                int iw = (int) Math.round(image.getWidth() * scale), ih = (int) Math.round(image.getHeight() * scale);
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(image, (w - iw) / 2, (h - ih) / 2, iw, ih, null);
                if (image != lastPainted) {
                    lastPainted = image;
                    painted++;
                }
            }
            String note = !problem.isEmpty() ? problem : !overlay.isEmpty() ? overlay : image == null ? "waiting for video" : "";
            if (!note.isEmpty()) centred(g, note, w, h);
        } finally {
            g.dispose();
        }
    }

    private void centred(Graphics2D g, String text, int w, int h) {
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(getFont().deriveFont(Font.BOLD, 15f));
        FontMetrics m = g.getFontMetrics();
        int tw = m.stringWidth(text);
        int x = (w - tw) / 2, y = (h - m.getHeight()) / 2;
        g.setColor(new Color(0, 0, 0, 150));
        g.fillRoundRect(x - 12, y - 6, tw + 24, m.getHeight() + 12, 12, 12);
        g.setColor(new Color(0xF0, 0xF0, 0xF0));
        g.drawString(text, x, y + m.getAscent());
    }
}
