package dev.parley.relay.internal;

import static dev.parley.relay.internal.Waits.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import dev.parley.relay.internal.WireClient.In;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.io.TempDir;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The WebSocket binding (PROTOCOL.md): a browser-like client on the web port is a member like a TCP client. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WebSocketBindingTest {
    private static final String ROOM = "lobby";

    static {
        LeakWatch.install();
    }

    private RelayServer relay;
    private final List<AutoCloseable> clients = new ArrayList<>();

    private RelayServer start(RelaySettings settings) throws InterruptedException {
        relay = new RelayServer(settings.with("webPort", anyPort())).start();
        return relay;
    }

    /** The web port's "pick a free one": a port number the relay never takes as "off". */
    private static int anyPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private WebClient web(String origin) throws Exception {
        WebClient c = WebClient.connect(relay.webPort(), origin);
        clients.add(c);
        return c;
    }

    private WireClient tcp(String name) throws Exception {
        WireClient c = WireClient.join(relay.port(), name, ROOM);
        clients.add(c);
        return c;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : clients) c.close();
        if (relay != null) relay.close();
    }

    @AfterAll
    static void noBufferLeaked() throws InterruptedException {
        assertEquals(List.of(), LeakWatch.collect(), "Netty buffers leaked (reference counting mistake)");
    }

    @Test
    void aBrowserJoinsAndExchangesChatAndVideoWithATcpMember() throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0));
        WireClient alice = tcp("alice");
        WebClient browser = web("http://127.0.0.1:" + relay.webPort());
        browser.hello("browser", ROOM);
        Messages.Joined joined = Messages.Joined.from(alice.readUntil(MessageType.JOINED).frame());
        assertEquals("browser", joined.name());
        assertEquals(browser.welcome.participant(), joined.participant());

        browser.send(dev.parley.protocol.Frame.text(0, 1, 0, "hello from the browser ✓"));
        In text = alice.readUntil(MessageType.TEXT);
        assertEquals("hello from the browser ✓", text.text());
        assertEquals(browser.welcome.participant(), text.sender());

        alice.sendText(1, "hello from java");
        In back = browser.readUntil(MessageType.TEXT);
        assertEquals("hello from java", back.text());
        assertEquals(alice.id(), back.sender());

        byte[] picture = new byte[50_000];
        for (int i = 0; i < picture.length; i++) picture[i] = (byte) (i * 7);
        browser.sendVideo(1, picture);
        In video = alice.readUntil(MessageType.VIDEO);
        assertArrayEquals(picture, video.payload());
        assertEquals("jpeg", video.codec());
        // The relay acknowledges the browser's video as it does a TCP sender's (flow control, section 8).
        assertEquals(1, Messages.Received.from(browser.readUntil(MessageType.RECEIVED).frame()).videoFrames());

        alice.sendVideo(1, picture);
        In seen = browser.readUntil(MessageType.VIDEO);
        assertArrayEquals(picture, seen.payload());
        browser.send(new Messages.Received(1).toFrame());

        browser.send(new Messages.Bye("closing the tab").toFrame());
        Messages.Left left = Messages.Left.from(alice.readUntil(MessageType.LEFT).frame());
        assertEquals(Messages.LeaveReason.BYE, left.reason());
    }

    @Test
    void aFrameOverTheRelaysLimitIsRefusedAsOnTheTcpPort() throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0).withMaxPayload(64 * 1024));
        WebClient browser = web(null);
        browser.hello("browser", ROOM);
        browser.sendVideo(1, new byte[64 * 1024 + 1]);
        assertEquals(ErrorCode.FRAME_TOO_LARGE, Messages.Error.from(browser.readUntil(MessageType.ERROR).frame()).code());
        assertEquals(1000, browser.readClose());
    }

    @Test
    void beforeHelloAMessageLargerThanAHelloIsRefused() throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0));
        WebClient browser = web(null);
        // Just over the limit, so the whole message is written before the relay's refusal arrives.
        browser.sendBinary(new byte[WebSocketFrames.BEFORE_HANDSHAKE_MESSAGE + 1]);
        assertEquals(1009, browser.readClose(), "WebSocket close 1009, message too big");
    }

    @Test
    void twoFramesInOneMessageAreRefusedAndNeitherIsForwarded() throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0));
        WireClient alice = tcp("alice");
        WebClient browser = web(null);
        browser.hello("browser", ROOM);
        alice.readUntil(MessageType.JOINED);
        byte[] one = FrameCodec.toBytes(dev.parley.protocol.Frame.text(0, 1, 0, "one"));
        byte[] two = FrameCodec.toBytes(dev.parley.protocol.Frame.text(0, 2, 0, "two"));
        byte[] both = new byte[one.length + two.length];
        System.arraycopy(one, 0, both, 0, one.length);
        System.arraycopy(two, 0, both, one.length, two.length);
        browser.sendBinary(both);
        Messages.Error error = Messages.Error.from(browser.readUntil(MessageType.ERROR).frame());
        assertEquals(ErrorCode.MALFORMED, error.code());
        assertTrue(error.message().contains("exactly one frame"), error.message());
        // Alice hears of the browser leaving, and no chat line before it.
        assertEquals(MessageType.LEFT, alice.readUntil(MessageType.LEFT).type());
        assertFalse(alice.skipped.stream().anyMatch(f -> f.type() == MessageType.TEXT), "nothing was forwarded");
    }

    @Test
    void aMessageShorterThanAFrameIsRefused() throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0));
        WebClient browser = web(null);
        browser.hello("browser", ROOM);
        browser.sendBinary(new byte[] {0x50, 0x52, 1, 0x12});
        assertEquals(ErrorCode.MALFORMED, Messages.Error.from(browser.readUntil(MessageType.ERROR).frame()).code());
    }

    @Test
    void aTextMessageClosesWith1003() throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0));
        WebClient browser = web(null);
        browser.socket.sendText("HELLO", true).get(10, TimeUnit.SECONDS);
        assertEquals(1003, browser.readClose());
    }

    @Test
    void aPageFromAnotherOriginIsRefusedWith403UnlessConfigured() throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0).with("webAllowedOrigins", "http://lab.example:8080"));
        ExecutionException refused = assertThrows(ExecutionException.class, () -> web("http://evil.example"));
        WebSocketHandshakeException handshake = assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(403, handshake.getResponse().statusCode());
        web("http://lab.example:8080").hello("configured", ROOM);
    }

    @Test
    void webConnectionsCountAtTheGateFromTheirConnectNotFromTheirUpgrade() throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0).with("maxConnectionsPerAddress", 3));
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Socket s = new Socket("127.0.0.1", relay.webPort()); // never asks for anything, as a slow client
            idle.add(s);
            clients.add(s);
        }
        eventually(() -> relay.gate().handshaking() == 3);
        // The address has its share: a fourth web connection is closed unread, and the TCP port says why.
        try (Socket fourth = new Socket("127.0.0.1", relay.webPort())) {
            fourth.setSoTimeout(10_000);
            assertClosed(fourth);
        }
        WireClient tcp = WireClient.connect(relay.port());
        clients.add(tcp);
        assertEquals(ErrorCode.LIMIT_REACHED, tcp.readError().code());

        // One goes: a browser takes its place, upgrades and joins, and is then counted as a member, not twice.
        idle.get(0).close();
        eventually(() -> relay.gate().handshaking() == 2);
        web(null).hello("browser", ROOM);
        eventually(() -> relay.gate().handshaking() == 2 && relay.members().size() == 1);
        idle.get(1).close();
        idle.get(2).close();
        eventually(() -> relay.gate().handshaking() == 0);
        tcp("alice");
        eventually(() -> relay.members().size() == 2);
    }

    private static void assertClosed(Socket socket) throws Exception {
        try {
            assertEquals(-1, socket.getInputStream().read(), "the relay should have closed the connection");
        } catch (java.net.SocketException reset) {
            // closed with a reset: closed all the same
        }
    }

    @Test
    void theHelloTimeoutHoldsOnTheWebPort() throws Exception {
        // The timeout also bounds the HTTP request and the upgrade before the HELLO could come: 300 ms was not always
        // enough for them on a busy machine.
        start(RelaySettings.defaults("127.0.0.1", 0).withHandshakeTimeoutMillis(2000));
        WebClient browser = web(null);
        assertEquals(ErrorCode.HANDSHAKE_TIMEOUT, Messages.Error.from(browser.read().frame()).code());
        browser.readClose();
    }

    @Test
    void theWebPortServesTheInstalledPageAnd404OtherwiseAndRemovingThePageClosesTheBrowsers() throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0));
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + relay.webPort();
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), BodyHandlers.ofString());
        assertEquals(404, none.statusCode());
        assertTrue(none.body().contains("ui-web"), none.body());

        Map<String, String> files = Map.of("/index.html", "<!doctype html><title>Parley</title>", "/app.js", "export {};");
        relay.webAssets(path -> files.containsKey(path)
                ? new WebAssets.Asset(files.get(path).getBytes(StandardCharsets.UTF_8), WebAssets.contentType(path)) : null);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElseThrow());
        assertEquals(files.get("/index.html"), page.body());
        HttpResponse<String> script = http.send(HttpRequest.newBuilder(URI.create(base + "/app.js?v=1")).build(), BodyHandlers.ofString());
        assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("content-type").orElseThrow());
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/missing.css")).build(), BodyHandlers.ofString()).statusCode());
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/../index.html")).build(), BodyHandlers.ofString()).statusCode());

        WireClient alice = tcp("alice");
        WebClient browser = web(base);
        browser.hello("browser", ROOM);
        relay.webAssets(WebAssets.NONE);
        assertEquals(ErrorCode.SHUTTING_DOWN, Messages.Error.from(browser.readUntil(MessageType.ERROR).frame()).code());
        assertEquals(MessageType.LEFT, alice.readUntil(MessageType.LEFT).type());
        alice.sendText(1, "the call goes on");
    }

    @Test
    void whenTheRelaySpeaksTlsTheWebPortIsHttpsAndWss(@TempDir Path certificates) throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0).with("tls", true).with("certificateDir", certificates.toString()));
        relay.webAssets(path -> path.equals("/index.html")
                ? new WebAssets.Asset("<p>secure</p>".getBytes(StandardCharsets.UTF_8), WebAssets.contentType(path)) : null);
        SSLContext anyCertificate = SSLContext.getInstance("TLS");
        anyCertificate.init(null, new TrustManager[] {new TrustAll()}, null);
        HttpClient https = HttpClient.newBuilder().sslContext(anyCertificate).build();
        HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + relay.webPort() + "/"))
                .build(), BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals("<p>secure</p>", page.body());
        WebClient browser = WebClient.connectSecure(https, relay.webPort());
        clients.add(browser);
        browser.hello("secure", ROOM);
        WebClient other = WebClient.connectSecure(https, relay.webPort());
        clients.add(other);
        other.hello("other", ROOM);
        other.send(dev.parley.protocol.Frame.text(0, 1, 0, "over wss"));
        assertEquals("over wss", browser.readUntil(MessageType.TEXT).text());
    }

    @Test
    void httpToAPortThatSpeaksHttpsIsRedirectedThereAndServesNothingInTheClear(@TempDir Path certificates) throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0).with("tls", true).with("certificateDir", certificates.toString()));
        relay.webAssets(path -> new WebAssets.Asset("<p>secure</p>".getBytes(StandardCharsets.UTF_8), WebAssets.contentType(path)));
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String address = "127.0.0.1:" + relay.webPort();
        HttpResponse<String> answer = plain.send(HttpRequest.newBuilder(URI.create("http://" + address + "/app.js?x=1")).build(),
                BodyHandlers.ofString());
        assertEquals(308, answer.statusCode());
        assertEquals("https://" + address + "/app.js?x=1", answer.headers().firstValue("location").orElseThrow());
        assertEquals("", answer.body(), "nothing of the page in the clear");
    }

    /** The test's stand-in for a user who accepted the relay's self-signed certificate in the browser. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }

    @Test
    void originRule() {
        assertTrue(WebRequests.originAllowed(null, "h:1", ""));
        assertTrue(WebRequests.originAllowed("http://h:1", "h:1", ""));
        assertFalse(WebRequests.originAllowed("http://h:2", "h:1", ""));
        assertFalse(WebRequests.originAllowed("null", "h:1", ""));
        assertTrue(WebRequests.originAllowed("http://x:9", "h:1", "http://y:1, http://x:9"));
        assertTrue(WebRequests.originAllowed("http://x:9", "h:1", "*"));
    }
}
