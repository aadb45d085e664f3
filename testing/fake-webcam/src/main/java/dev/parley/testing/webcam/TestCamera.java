package dev.parley.testing.webcam;

import com.github.sarxos.webcam.WebcamDevice;
import java.awt.Dimension;
import java.awt.image.BufferedImage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One camera that serves {@link KnownPictures} in order while it is serving, and nothing (null) while it is not. */
final class TestCamera implements WebcamDevice {
    static final String NAME = "Parley test camera";
    private static final Dimension[] SIZES = {new Dimension(320, 240), new Dimension(640, 480)};

    private final AtomicBoolean serving;
    private final AtomicLong next = new AtomicLong();
    private volatile Dimension size = SIZES[1];
    private volatile boolean open;

    TestCamera(AtomicBoolean serving) {
        this.serving = serving;
    }

    @Override public String getName() { return NAME; }
    @Override public Dimension[] getResolutions() { return SIZES.clone(); }
    @Override public Dimension getResolution() { return size; }
    @Override public void setResolution(Dimension d) { size = d; }

    @Override
    public BufferedImage getImage() {
        if (!open || !serving.get()) return null;
        return KnownPictures.picture(next.getAndIncrement(), size.width, size.height);
    }

    @Override public void open() { open = true; }
    @Override public void close() { open = false; }
    @Override public void dispose() { open = false; }
    @Override public boolean isOpen() { return open; }
}
