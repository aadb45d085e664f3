package dev.parley.api.codec;

import java.awt.image.BufferedImage;

/** A decoded video picture. The image must not be changed after it is handed on. */
public record VideoImage(BufferedImage image) implements RawFrame {
    public int width() { return image.getWidth(); }
    public int height() { return image.getHeight(); }
}
