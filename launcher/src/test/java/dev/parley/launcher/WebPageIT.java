package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
 * The browser test is skipped where Chromium is not installed ({@code .ci/run} installs it); the plugin test needs
 * no browser.
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

    /** A copy of the distribution per test: --web copies the page's plugin into plugins/, and this test deletes it. */
    private Path dist;

    private ParleyProcess start(String label, String... args) throws IOException {
        if (dist == null) dist = ParleyProcess.copyOfDistribution();
        ParleyProcess p = ParleyProcess.startIn(dist, label, args);
        processes.add(p);
        return p;
    }

    @Test
    void thePageComesAndGoesWithItsPluginWhileTheCallGoesOn() throws Exception {
        int port = ParleyProcess.freePort();
        int web = ParleyProcess.freePort();
        ParleyProcess server = start("server", "server", "--port", String.valueOf(port), "--host", "127.0.0.1",
                "--web", String.valueOf(web), "--plaintext");
        server.awaitContaining("ready: relay listening on port " + port);
        HttpClient http = HttpClient.newHttpClient();
        URI page = URI.create("http://127.0.0.1:" + web + "/");
        poll("the page served", Duration.ofSeconds(30), () -> status(http, page) == 200 ? true : null);

        BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + web + "/call"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                        // The relay sends each frame as one message, and frames here are small: one part each.
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
                        MessageType type = MessageType.fromCode(buf.getUnsignedByte(3));
                        int codec = buf.getUnsignedByte(5);
                        frames.add(new Frame(type, 0, 0, buf.getInt(8), 0, 0, "", buf.slice(28 + codec, bytes.length - 28 - codec)));
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        socket.sendBinary(ByteBuffer.wrap(FrameCodec.toBytes(new Messages.Hello(Messages.Role.CLIENT, "tab", "web", "").toFrame())), true)
                .get(10, TimeUnit.SECONDS);
        assertEquals(MessageType.WELCOME, frames.poll(10, TimeUnit.SECONDS).type());

        Files.delete(dist.resolve("plugins/" + Profile.WEB_PLUGIN));
        Messages.Error error = null;
        while (error == null) {
            Frame f = frames.poll(30, TimeUnit.SECONDS);
            assertTrue(f != null, "no ERROR after the page's plugin was deleted");
            if (f.type() == MessageType.ERROR) error = Messages.Error.from(f);
        }
        assertEquals(ErrorCode.SHUTTING_DOWN, error.code());
        assertTrue(error.message().contains("web page was removed"), error.message());
        poll("404 once the page is gone", Duration.ofSeconds(30), () -> status(http, page) == 404 ? true : null);
        assertTrue(server.isAlive(), "the relay goes on");

        Files.copy(dist.resolve("extras/" + Profile.WEB_PLUGIN), dist.resolve("plugins/" + Profile.WEB_PLUGIN));
        poll("the page served again", Duration.ofSeconds(30), () -> status(http, page) == 200 ? true : null);
    }

    private static int status(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Test
    void aBrowserSeesAndHearsTwoJavaClientsAndTheyItAndChatGoesBothWays() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "needs Debian's chromium and chromium-driver");
        Relay relay = relayWithPage();
        ParleyProcess server = relay.process();
        int port = relay.port();
        int web = relay.web();
        ParleyProcess alice = start("alice", "client", "--server", "127.0.0.1:" + port, "--name", "alice", "--room", "web",
                "--stats", "1");
        ParleyProcess bob = start("bob", "client", "--server", "127.0.0.1:" + port, "--name", "bob", "--room", "web");
        alice.await("alice connected", ParleyProcess::saysConnected);
        bob.await("bob connected", ParleyProcess::saysConnected);

        openBrowser();
        // The relay speaks TLS, so the page is served over HTTPS, which gives it the (fake) camera and microphone.
        browser.get("https://127.0.0.1:" + web + "/?room=web");
        browser.findElement(By.id("name")).sendKeys("webby");
        browser.findElement(By.cssSelector("#join button")).click();

        // Both Java participants' tiles show pictures, and keep doing so.
        Map<String, Long> first = awaitTiles(Map.of("alice", 5L, "bob", 5L));
        awaitTiles(Map.of("alice", first.get("alice") + 10, "bob", first.get("bob") + 10));

        // The Java side receives and decodes the browser's JPEG video and PCM audio.
        awaitDecoded(alice, "video", "jpeg");
        awaitDecoded(alice, "audio", "pcm-s16le");

        // Chat both ways.
        sayInPage("hello from the page ✓");
        bob.awaitContaining("webby: hello from the page ✓");
        alice.type("hello browser");
        awaitInPageChat("the Java line in the page's chat", "hello browser");

        Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, Path.of("target", "web-page.png"), StandardCopyOption.REPLACE_EXISTING);
        assertTrue(browser.findElement(By.id("status")).getText().contains("room web as webby"));
    }

    /** The relay and where it listens: the TCP port and the web port. */
    private record Relay(ParleyProcess process, int port, int web) {
    }

    /** A relay with {@code --web} and these options, once it listens and its page plugin is installed. */
    private Relay relayWithPage(String... options) throws Exception {
        int port = ParleyProcess.freePort();
        int web = ParleyProcess.freePort();
        List<String> args = new ArrayList<>(List.of("server", "--port", String.valueOf(port), "--host", "127.0.0.1",
                "--web", String.valueOf(web)));
        args.addAll(List.of(options));
        ParleyProcess server = start("server", args.toArray(String[]::new));
        server.awaitContaining("ready: relay listening on port " + port);
        server.awaitLog("Web page from dev.parley.ui-web"); // the plugin --web put into plugins/ is installed
        return new Relay(server, port, web);
    }

    /** A Java client in {@code room} of the relay at {@code port}, once it says it is connected. */
    private ParleyProcess joined(int port, String name, String room, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("client", "--server", "127.0.0.1:" + port, "--name", name, "--room", room));
        args.addAll(List.of(options));
        ParleyProcess client = start(name, args.toArray(String[]::new));
        client.await(name + " connected", ParleyProcess::saysConnected);
        return client;
    }

    /** Waits for {@code at}'s figures to show webby's stream of {@code kind} decoded with {@code codec} ("" for any), moving. */
    private static void awaitDecoded(ParleyProcess at, String kind, String codec) throws InterruptedException {
        at.await("webby's " + kind + (codec.isEmpty() ? "" : " (" + codec + ")") + " decoded", l -> l.contains("webby")
                && l.contains(" " + kind + " ") && l.contains(codec) && !l.contains(" 0.0 fps"));
    }

    /** Types a chat line in the page and sends it. */
    private void sayInPage(String line) {
        browser.findElement(By.id("line")).sendKeys(line);
        browser.findElement(By.cssSelector("#say button")).click();
    }

    /** Waits for the page's chat to show {@code line}. */
    private void awaitInPageChat(String what, String line) {
        poll(what, Duration.ofSeconds(30), () -> browser.findElement(By.id("chat")).getText().contains(line) ? true : null);
    }

    private void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required",
                // The relay's self-signed certificate, which a user accepts once in the browser's warning.
                "--ignore-certificate-errors");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    /**
     * A room with a passphrase: the page answers the relay's CHALLENGE (Argon2id in a worker, HMAC-SHA256), so with the
     * right passphrase it joins and talks with a Java client who gave the same one; with a wrong one it says the relay
     * refused it.
     */
    @Test
    void aPageJoinsAPassphraseRoomWithTheRightPassphraseOnly() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "needs Debian's chromium and chromium-driver");
        Relay relay = relayWithPage("--protect", "lab=tulip fields in spring");
        ParleyProcess server = relay.process();
        int port = relay.port();
        int web = relay.web();
        ParleyProcess alice = joined(port, "alice", "lab", "--passphrase", "tulip fields in spring", "--no-audio");

        openBrowser();
        browser.get("https://127.0.0.1:" + web + "/?room=lab&name=webby");
        browser.findElement(By.id("passphrase")).sendKeys("tulip fields in autumn");
        browser.findElement(By.cssSelector("#join button")).click();
        poll("the refusal of a wrong passphrase", Duration.ofSeconds(60),
                () -> browser.findElement(By.id("note")).getText().contains("AUTH_FAILED") ? true : null);
        assertTrue(browser.findElement(By.id("join")).isDisplayed(), "the join form is back");

        browser.findElement(By.id("passphrase")).clear();
        browser.findElement(By.id("passphrase")).sendKeys("tulip fields in spring");
        browser.findElement(By.cssSelector("#join button")).click();
        awaitTiles(Map.of("alice", 5L));
        sayInPage("in through the passphrase");
        alice.awaitContaining("webby: in through the passphrase");
        assertTrue(server.stderr().contains("authentication failed") || server.stderr().contains("AUTH_FAILED"), server.describe());
    }

    /**
     * End to end encrypted: alice (Java, --e2ee) and the page (its box ticked) share the passphrase, so each opens
     * what the other sealed: alice's pictures show in the page, the page's video and audio decode at alice, and
     * chat goes both ways, while the relay forwards only sealed payloads.
     */
    @Test
    void aPageAndAJavaClientTalkEndToEndEncrypted() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "needs Debian's chromium and chromium-driver");
        Relay relay = relayWithPage("--protect", "lab=tulip fields in spring");
        int port = relay.port();
        int web = relay.web();
        ParleyProcess alice = joined(port, "alice", "lab", "--passphrase", "tulip fields in spring", "--e2ee", "--stats", "1");

        openBrowser();
        browser.get("https://127.0.0.1:" + web + "/?room=lab&name=webby");
        browser.findElement(By.id("passphrase")).sendKeys("tulip fields in spring");
        browser.findElement(By.id("e2ee")).click();
        browser.findElement(By.cssSelector("#join button")).click();

        // alice's pictures are opened and shown (not only received): the tile shows frames each second.
        poll("alice's tile showing pictures", Duration.ofSeconds(60), () -> {
            Object fps = ((JavascriptExecutor) browser).executeScript("""
                    for (const t of document.querySelectorAll('.tile[data-fps]')) {
                      if (t.querySelector('.name').textContent === 'alice') return Number(t.dataset.fps);
                    }
                    return 0;""");
            return ((Number) fps).longValue() > 0 ? true : null;
        });
        awaitDecoded(alice, "video", "jpeg");
        awaitDecoded(alice, "audio", "");
        sayInPage("sealed from the page");
        alice.awaitContaining("webby: sealed from the page");
        alice.type("sealed from java");
        awaitInPageChat("alice's sealed line in the page's chat", "sealed from java");
        assertTrue(browser.findElement(By.id("note")).getText().isEmpty(), "nothing was dropped: " + browser.findElement(By.id("note")).getText());
    }

    /**
     * Where the browser decodes Opus (WebCodecs), the page says so in CODECS: a room whose Java participant has the
     * Opus plugin then keeps Opus with the page in it, and the page plays it (the playout worklet holds alice's audio);
     * and since alice decodes Opus, the page sends its microphone as Opus, which alice decodes.
     */
    @Test
    void withJavaClientsThatDecodeOpusThePageReceivesAndSendsOpus() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "needs Debian's chromium and chromium-driver");
        dist = ParleyProcess.copyOfDistribution();
        Files.copy(dist.resolve("extras/parley-codec-opus.jar"), dist.resolve("plugins/parley-codec-opus.jar"));
        Relay relay = relayWithPage();
        int port = relay.port();
        int web = relay.web();
        ParleyProcess alice = joined(port, "alice", "op", "--no-video", "--stats", "1");

        openBrowser();
        browser.get("https://127.0.0.1:" + web + "/?room=op&name=webby");
        browser.findElement(By.cssSelector("#join button")).click();
        String figures = poll("alice's Opus audio playing in the page", Duration.ofSeconds(60), () -> {
            Object text = ((JavascriptExecutor) browser).executeScript("""
                    for (const li of document.querySelectorAll('#roster li')) {
                      if (li.firstChild.textContent === 'alice') return li.querySelector('.figures').textContent;
                    }
                    return '';""");
            String t = String.valueOf(text);
            return t.contains("audio opus") && t.contains("buffer") && !t.contains(" 0 fps") ? t : null;
        });
        System.out.println("alice in the page: " + figures);
        // And the page sends its microphone as Opus too, since alice decodes it; she hears it.
        awaitDecoded(alice, "audio", "opus");
    }

    /**
     * The page windows its own video as the Java clients do (dev.parley.protocol.VideoWindow): the page's module,
     * run in the browser, with acknowledgements at chosen delays. Fast ones while the window held video back grow it
     * by what they acknowledge; one slower than the 100 ms target shrinks it in proportion, once per window; stale
     * counts are ignored and counts beyond what was sent count as everything; counts wrap at 2^32.
     */
    @Test
    void thePagesVideoWindowAndArgon2AreTheJavaSidesOnes() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "needs Debian's chromium and chromium-driver");
        Relay relay = relayWithPage();
        int web = relay.web();
        openBrowser();
        browser.get("https://127.0.0.1:" + web + "/");
        Object result = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/window.js').then(({ VideoWindow }) => {
                  const out = [];
                  const w = new VideoWindow(2, 100);
                  w.wasSent(0); w.wasSent(0);
                  out.push(w.open());                 // false: two in flight, window 2
                  w.held();
                  w.acknowledged(2, 10);              // 10 ms while held back: grows by 2
                  out.push(w.size, w.inFlight());     // 4, 0
                  w.acknowledged(2, 20);              // stale: nothing
                  out.push(w.size);                   // 4
                  for (let i = 0; i < 4; i++) w.wasSent(100);
                  w.acknowledged(3, 400);             // waited 300 ms: a third of the window
                  out.push(w.size);                   // 1
                  w.acknowledged(5, 700);             // slow again within the same window: no second shrink
                  out.push(w.size);                   // 1
                  w.acknowledged(99, 710);            // beyond what was sent: everything sent
                  out.push(w.inFlight(), w.open());   // 0, true
                  w.wasSent(720);
                  w.acknowledged(7, 760);             // 40 ms, but the window held nothing back: stays
                  out.push(w.size);                   // 1
                  const wrap = new VideoWindow(3, 100);
                  wrap.sent = wrap.acked = wrap.shrinkFence = 0xFFFFFFFE;
                  wrap.wasSent(0); wrap.wasSent(0); wrap.wasSent(0);
                  out.push(wrap.sent, wrap.inFlight(), wrap.open()); // 1, 3, false
                  wrap.held();
                  wrap.acknowledged(1, 5);            // across the wrap, fast: grows by 3
                  out.push(wrap.size, wrap.inFlight()); // 6, 0
                  done(out);
                }).catch((e) => done('error: ' + e));""");
        assertEquals(List.of(false, 4L, 0L, 4L, 1L, 1L, 0L, true, 1L, 1L, 3L, false, 6L, 0L), result);

        // The page's Argon2id against BouncyCastle's (the Java side's), with lanes and a memory size the relay's
        // default cost never uses: three lanes, 1 000 KiB (not a multiple of 4 × 3), two passes.
        Object hex = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('/argon2.js').then(({ argon2id }) => {
                  const e = new TextEncoder();
                  const key = argon2id(e.encode('pässword ✓'), e.encode('saltsaltsalt'), 1000, 2, 3);
                  done(Array.from(key, (b) => b.toString(16).padStart(2, '0')).join(''));
                }).catch((e) => done('error: ' + e));""");
        org.bouncycastle.crypto.generators.Argon2BytesGenerator bouncy = new org.bouncycastle.crypto.generators.Argon2BytesGenerator();
        bouncy.init(new org.bouncycastle.crypto.params.Argon2Parameters.Builder(org.bouncycastle.crypto.params.Argon2Parameters.ARGON2_id)
                .withVersion(0x13).withSalt("saltsaltsalt".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .withMemoryAsKB(1000).withIterations(2).withParallelism(3).build());
        byte[] key = new byte[32];
        bouncy.generateBytes("pässword ✓".getBytes(java.nio.charset.StandardCharsets.UTF_8), key);
        assertEquals(java.util.HexFormat.of().formatHex(key), hex);
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
