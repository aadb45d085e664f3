package dev.parley.benchmarks.codecs;

import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmarks' picture, like the capture bundle's test pattern: colour bars over a grey ramp, a box and a caption.
 * Run as a program it writes the picture as a binary PPM, the input tjbench takes:
 * {@code java -cp benchmarks.jar dev.parley.benchmarks.codecs.TestImage 640 480 pattern.ppm}.
 */
public final class TestImage {
    private TestImage() {
    }

    public static BufferedImage pattern(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        Color[] bars = {new Color(192, 192, 192), new Color(192, 192, 0), new Color(0, 192, 192), new Color(0, 192, 0),
                new Color(192, 0, 192), new Color(192, 0, 0), new Color(0, 0, 192), new Color(16, 16, 16)};
        int barHeight = height * 2 / 3;
        for (int i = 0; i < bars.length; i++) {
            g.setColor(bars[i]);
            g.fillRect(i * width / bars.length, 0, (i + 1) * width / bars.length - i * width / bars.length, barHeight);
        }
        g.setPaint(new GradientPaint(0, 0, Color.BLACK, width, 0, Color.WHITE));
        g.fillRect(0, barHeight, width, height - barHeight);
        g.setColor(Color.ORANGE);
        g.fillRect(width / 3, height / 3, width / 8, height / 8);
        g.setColor(Color.WHITE);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, height / 7)));
        g.drawString("alice", width / 20, height / 5);
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, Math.max(8, height / 18)));
        g.drawString("frame 000123  12:34:56.789", width / 20, height - height / 20);
        g.dispose();
        return image;
    }

    public static void main(String[] args) throws IOException {
        int width = Integer.parseInt(args[0]);
        int height = Integer.parseInt(args[1]);
        BufferedImage image = pattern(width, height);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        try (OutputStream out = Files.newOutputStream(Path.of(args[2]))) {
            out.write(("P6\n" + width + " " + height + "\n255\n").getBytes(StandardCharsets.US_ASCII));
            out.write(rgb);
        }
    }
}
