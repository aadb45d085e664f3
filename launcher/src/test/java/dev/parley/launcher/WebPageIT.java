package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web page in a real browser: headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, with a
 * fake camera and microphone) joins a relay started with {@code --web} where two Java test-pattern clients stream.
 * Skipped where Chromium is not installed ({@code .ci/run} installs it).
 */
class WebPageIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final List<ParleyProcess> processes = new ArrayList<>();
    private ChromeDriver browser;

    @AfterEach
    void stop() throws Exception {
        if (browser != null) browser.quit();
        for (ParleyProcess p : processes) p.close();
    }

    private ParleyProcess start(String label, String... args) throws IOException {
        ParleyProcess p = ParleyProcess.start(label, args);
        processes.add(p);
        return p;
    }

    @Test
    void aBrowserSeesAndHearsTwoJavaClientsAndTheyItAndChatGoesBothWays() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "needs Debian's chromium and chromium-driver");
        int port = ParleyProcess.freePort();
        int web = ParleyProcess.freePort();
        ParleyProcess server = start("server", "server", "--port", String.valueOf(port), "--host", "127.0.0.1",
                "--web", String.valueOf(web));
        server.awaitContaining("ready: relay listening on port " + port);
        ParleyProcess alice = start("alice", "client", "--server", "127.0.0.1:" + port, "--name", "alice", "--room", "web",
                "--stats", "1");
        ParleyProcess bob = start("bob", "client", "--server", "127.0.0.1:" + port, "--name", "bob", "--room", "web");
        alice.await("alice connected", ParleyProcess::saysConnected);
        bob.await("bob connected", ParleyProcess::saysConnected);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        // 127.0.0.1 is a secure context, so the page gets the fake camera and microphone.
        browser.get("http://127.0.0.1:" + web + "/?room=web");
        browser.findElement(By.id("name")).sendKeys("webby");
        browser.findElement(By.cssSelector("#join button")).click();

        // Both Java participants' tiles show pictures, and keep doing so.
        Map<String, Long> first = awaitTiles(Map.of("alice", 5L, "bob", 5L));
        awaitTiles(Map.of("alice", first.get("alice") + 10, "bob", first.get("bob") + 10));

        // The Java side receives and decodes the browser's JPEG video and PCM audio.
        alice.await("webby's video decoded at alice", l -> l.contains("webby") && l.contains(" video ")
                && l.contains("jpeg") && !l.contains(" 0.0 fps"));
        alice.await("webby's audio decoded at alice", l -> l.contains("webby") && l.contains(" audio ")
                && l.contains("pcm-s16le") && !l.contains(" 0.0 fps"));

        // Chat both ways.
        browser.findElement(By.id("line")).sendKeys("hello from the page ✓");
        browser.findElement(By.cssSelector("#say button")).click();
        bob.awaitContaining("webby: hello from the page ✓");
        alice.type("hello browser");
        poll("the Java line in the page's chat", Duration.ofSeconds(30),
                () -> browser.findElement(By.id("chat")).getText().contains("hello browser") ? true : null);

        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "web-page.png"), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(browser.findElement(By.id("status")).getText().contains("room web as webby"));
    }

    /** Waits until each named tile has received at least the given number of frames; returns the counts seen. */
    @SuppressWarnings("unchecked")
    private Map<String, Long> awaitTiles(Map<String, Long> atLeast) {
        return poll("tiles with at least " + atLeast + " frames", Duration.ofSeconds(60), () -> {
                    Map<String, Long> counts = (Map<String, Long>) ((JavascriptExecutor) browser).executeScript("""
                            const out = {};
                            for (const t of document.querySelectorAll('.tile[data-received]')) {
                              out[t.querySelector('.name').textContent] = Number(t.dataset.received);
                            }
                            return out;""");
                    for (var e : atLeast.entrySet()) {
                        if (counts.getOrDefault(e.getKey(), 0L) < e.getValue()) return null;
                    }
                    return counts;
                });
    }

    /** Polls until {@code check} gives a value (not null); fails with {@code what} after {@code timeout}. */
    private static <T> T poll(String what, Duration timeout, Supplier<T> check) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = check.get();
            if (value != null) return value;
            if (System.nanoTime() > end) throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s");
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }

    static {
        // Nothing may be fetched at test time: Selenium Manager stays out since driver and browser are given.
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        new File("target").mkdirs();
    }
}
