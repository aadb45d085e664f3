package dev.parley.capture.video.internal;

import dev.parley.api.codec.VideoImage;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paints the frames of one test pattern capture. The still parts (bars and ramp) are painted once; each frame copies
 * them into a new image and adds what moves, so consecutive frames always differ.
 */
final class TestPatternPainter {
    private static final Logger LOG = LoggerFactory.getLogger(TestPatternPainter.class);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final Color[] BARS = {
            new Color(192, 192, 192), new Color(192, 192, 0), new Color(0, 192, 192), new Color(0, 192, 0),
            new Color(192, 0, 192), new Color(192, 0, 0), new Color(0, 0, 192), new Color(16, 16, 16)
    };
    /** How long the box takes to cross the picture, and the bar to sweep it, in seconds. */
    private static final double BOX_CROSSING_SECONDS = 2.5;
    private static final double BAR_SWEEP_SECONDS = 4.0;

    private final int width;
    private final int height;
    private final int frameRate;
    private final String name;
    private final BufferedImage background;
    private final Color boxColour;
    private final Font nameFont;
    private final Font infoFont;
    private long frameNumber;
    private boolean textWorks = true;

    TestPatternPainter(int width, int height, int frameRate, String name) {
        this.width = width;
        this.height = height;
        this.frameRate = frameRate;
        this.name = name;
        this.background = paintBackground(width, height);
        // A colour per participant, so streams differ at a glance even without text.
        this.boxColour = Color.getHSBColor((name.hashCode() & 0xFFFF) / 65536f, 0.8f, 1f);
        this.nameFont = new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, height / 7));
        this.infoFont = new Font(Font.MONOSPACED, Font.BOLD, Math.max(8, height / 18));
    }

    /** The next frame: a new image each call. */
    VideoImage nextFrame() {
        long number = frameNumber++;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            g.drawImage(background, 0, 0, null);
            double seconds = (double) number / frameRate;
            paintSweepingBar(g, seconds);
            paintBouncingBox(g, seconds);
            if (textWorks) {
                paintText(g, number);
            }
        } finally {
            g.dispose();
        }
        return new VideoImage(image);
    }

    private void paintSweepingBar(Graphics2D g, double seconds) {
        int barWidth = Math.max(2, width / 64);
        int x = (int) ((seconds / BAR_SWEEP_SECONDS % 1.0) * (width + barWidth)) - barWidth;
        g.setColor(Color.WHITE);
        g.fillRect(x, height * 2 / 3, barWidth, height - height * 2 / 3);
    }

    private void paintBouncingBox(Graphics2D g, double seconds) {
        int box = Math.max(4, Math.min(width, height) / 6);
        int x = bounce(seconds / BOX_CROSSING_SECONDS, width - box);
        int y = bounce(seconds / (BOX_CROSSING_SECONDS * 1.37), height - box);
        g.setColor(boxColour);
        g.fillRect(x, y, box, box);
        g.setColor(Color.BLACK);
        g.drawRect(x, y, box - 1, box - 1);
    }

    /** A triangle wave: 0 to range and back once per two units of {@code crossings}. */
    private static int bounce(double crossings, int range) {
        double phase = crossings % 2.0;
        return (int) Math.round((phase <= 1.0 ? phase : 2.0 - phase) * Math.max(0, range));
    }

    private void paintText(Graphics2D g, long number) {
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(nameFont);
            FontMetrics metrics = g.getFontMetrics();
            int nameWidth = metrics.stringWidth(name);
            int nameX = (width - nameWidth) / 2;
            int nameY = height / 3 + metrics.getAscent() / 2;
            shade(g, nameX - 8, nameY - metrics.getAscent(), nameWidth + 16, metrics.getHeight());
            g.setColor(Color.WHITE);
            g.drawString(name, nameX, nameY);

            g.setFont(infoFont);
            metrics = g.getFontMetrics();
            String info = String.format("#%06d  %s", number, LocalTime.now().format(CLOCK));
            int infoY = height - metrics.getDescent() - 4;
            shade(g, 0, infoY - metrics.getAscent() - 2, metrics.stringWidth(info) + 12, metrics.getHeight() + 4);
            g.setColor(Color.WHITE);
            g.drawString(info, 6, infoY);
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError && !(e instanceof InternalError)) {
                throw e;
            }
            // A JRE without fonts fails here; the moving parts still show that frames flow.
            textWorks = false;
            LOG.warn("cannot draw text in the test pattern ({}); continuing without text", e.toString());
        }
    }

    private static void shade(Graphics2D g, int x, int y, int w, int h) {
        g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.6f));
        g.setColor(Color.BLACK);
        g.fillRect(x, y, w, h);
        g.setComposite(AlphaComposite.SrcOver);
    }

    private static BufferedImage paintBackground(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        try {
            int barsHeight = height * 2 / 3;
            for (int i = 0; i < BARS.length; i++) {
                int left = i * width / BARS.length;
                int right = (i + 1) * width / BARS.length;
                g.setColor(BARS[i]);
                g.fillRect(left, 0, right - left, barsHeight);
            }
            g.setPaint(new GradientPaint(0, 0, Color.BLACK, width, 0, Color.WHITE));
            g.fillRect(0, barsHeight, width, height - barsHeight);
        } finally {
            g.dispose();
        }
        return image;
    }
}
