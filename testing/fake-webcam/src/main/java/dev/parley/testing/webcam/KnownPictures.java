package dev.parley.testing.webcam;

import java.awt.image.BufferedImage;

/**
 * The pictures the test camera serves: picture {@code n} is one flat colour computed from {@code n}, so a test on the
 * far side of a JPEG encoder and a relay can tell which picture it got (a flat colour survives JPEG almost
 * unchanged) and a test pattern can never be taken for one (it is not flat).
 */
public final class KnownPictures {
    /** Pictures repeat after this many; consecutive ones differ clearly in every channel. */
    public static final int PERIOD = 176;

    private KnownPictures() {
    }

    /** The colour of picture {@code n} as 0xRRGGBB. */
    public static int rgb(long n) {
        int i = (int) Math.floorMod(n, PERIOD);
        int r = 40 + (i * 53) % PERIOD;
        int g = 40 + (i * 97) % PERIOD;
        int b = 40 + (i * 29) % PERIOD;
        return (r << 16) | (g << 8) | b;
    }

    /** Picture {@code n} at the given size, in the camera's usual layout (3-byte BGR). */
    public static BufferedImage picture(long n, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        int rgb = rgb(n);
        int[] row = new int[width];
        java.util.Arrays.fill(row, rgb);
        for (int y = 0; y < height; y++) image.setRGB(0, y, width, 1, row, 0, width);
        return image;
    }

    /**
     * Which picture (modulo {@link #PERIOD}) a received image is, or -1 when it is none of them: not flat, or no colour
     * within {@code tolerance} per channel of its mean.
     */
    public static int identify(BufferedImage image, int tolerance) {
        long[] sum = new long[3];
        int w = image.getWidth();
        int h = image.getHeight();
        int samples = 0;
        int[] min = {255, 255, 255};
        int[] max = {0, 0, 0};
        for (int y = h / 8; y < h - h / 8; y += 4) {
            for (int x = w / 8; x < w - w / 8; x += 4) {
                int p = image.getRGB(x, y);
                int[] c = {(p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff};
                for (int k = 0; k < 3; k++) {
                    sum[k] += c[k];
                    min[k] = Math.min(min[k], c[k]);
                    max[k] = Math.max(max[k], c[k]);
                }
                samples++;
            }
        }
        for (int k = 0; k < 3; k++) if (max[k] - min[k] > 2 * tolerance) return -1; // not flat: not ours
        int best = -1;
        int bestError = Integer.MAX_VALUE;
        for (int n = 0; n < PERIOD; n++) {
            int rgb = rgb(n);
            int error = 0;
            for (int k = 0; k < 3; k++) {
                int want = (rgb >> (16 - 8 * k)) & 0xff;
                error = Math.max(error, (int) Math.abs(sum[k] / samples - want));
            }
            if (error < bestError) {
                bestError = error;
                best = n;
            }
        }
        return bestError <= tolerance ? best : -1;
    }
}
