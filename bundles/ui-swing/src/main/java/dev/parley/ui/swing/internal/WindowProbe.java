package dev.parley.ui.swing.internal;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import javax.swing.SwingUtilities;

/**
 * Looks at the window from a shell thread: its state as text, or its picture as a PNG, both read on the EDT, which
 * is the only thread allowed to touch it. The picture is painted by Swing itself, so it is what the screen shows
 * without depending on a window manager or on another window being on top.
 */
final class WindowProbe {
    private static final long EDT_TIMEOUT_SECONDS = 10;

    private WindowProbe() {
    }

    static String report(Supplier<ConferenceWindow> window) throws Exception {
        return onEdt(() -> {
            ConferenceWindow w = window.get();
            return w == null ? "window: none" : w.report();
        });
    }

    static String screenshot(Supplier<ConferenceWindow> window, String file) throws Exception {
        BufferedImage image = onEdt(() -> {
            ConferenceWindow w = window.get();
            return w == null ? null : w.screenshot();
        });
        if (image == null) return "screenshot: no window";
        Path path = Path.of(file).toAbsolutePath();
        if (path.getParent() != null) Files.createDirectories(path.getParent());
        ImageIO.write(image, "png", path.toFile());
        return "screenshot: " + path + " " + image.getWidth() + "x" + image.getHeight();
    }

    private static <T> T onEdt(Callable<T> task) throws Exception {
        FutureTask<T> f = new FutureTask<>(task);
        SwingUtilities.invokeLater(f);
        return f.get(EDT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
