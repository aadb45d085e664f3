package dev.parley.codec.turbojpeg.internal;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Pictures like the capture bundle's moving test pattern: colour bars over a grey ramp with a caption. */
final class TestPictures {
    private TestPictures() {
    }

    static BufferedImage pattern(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        Color[] bars = {Color.WHITE, Color.YELLOW, Color.CYAN, Color.GREEN, Color.MAGENTA, Color.RED, Color.BLUE, Color.BLACK};
        int barHeight = height * 2 / 3;
        for (int i = 0; i < bars.length; i++) {
            g.setColor(bars[i]);
            g.fillRect(i * width / bars.length, 0, (i + 1) * width / bars.length - i * width / bars.length, barHeight);
        }
        g.setPaint(new GradientPaint(0, 0, Color.BLACK, width, 0, Color.WHITE));
        g.fillRect(0, barHeight, width, height - barHeight);
        g.setColor(Color.ORANGE);
        g.fillRect(width / 3, height / 3, width / 8, height / 8);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, height / 8)));
        g.drawString("alice", width / 10, height / 2);
        g.dispose();
        return image;
    }

    /** Mean absolute difference per colour channel, 0 to 255. */
    static double meanAbsoluteError(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
            }
        }
        return (double) sum / (a.getWidth() * a.getHeight() * 3L);
    }
}
