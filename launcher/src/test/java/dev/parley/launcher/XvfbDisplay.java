package dev.parley.launcher;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A private X display for the tests of the Swing view, so {@code mvn verify} runs them the same in CI and on a
 * desktop. Xvfb picks a free display number itself ({@code -displayfd}) and reports it once it accepts clients, so
 * parallel builds and a developer's own X server never collide; it stops after the test class. Without Xvfb
 * installed the tests are skipped ({@code .ci/run} installs it).
 */
final class XvfbDisplay implements BeforeAllCallback, AfterAllCallback {
    private static final long START_SECONDS = 30;
    private Process xvfb;
    private String name;

    /** The display, for example {@code :3}. */
    String name() {
        return name;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assumeTrue(onPath("Xvfb"), "Xvfb is not installed (apt-get install xvfb); skipping the Swing UI tests");
        Path log = Files.createTempFile("parley-xvfb-", ".log");
        xvfb = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                .redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII));
        String number = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(START_SECONDS, TimeUnit.SECONDS);
        if (number == null || !number.strip().matches("\\d+")) {
            xvfb.destroyForcibly();
            throw new IllegalStateException("Xvfb did not start: " + Files.readString(log));
        }
        name = ":" + number.strip();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (xvfb == null) return;
        xvfb.destroy();
        if (!xvfb.waitFor(10, TimeUnit.SECONDS)) xvfb.destroyForcibly();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }
}
