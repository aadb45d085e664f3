package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * What someone on the LAN sees of a call: two participants and a relay, with a recording proxy between them and the
 * relay. With TLS (the default) the recording holds neither the chat line nor a JPEG picture's first bytes; with
 * --plaintext it holds both, as the lab's did; with --plaintext --e2ee the relay forwards media and chat it cannot
 * read, and the participants still see and read each other.
 */
class TlsCaptureIT {
    /** A JPEG picture's first bytes: start of image, the JFIF header's marker, length and name. */
    private static final byte[] JFIF = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0x00, 0x10, 'J', 'F', 'I', 'F'};
    private static final String SECRET = "the password for the lab machines is tulip-7";

    /** Video has gone through the proxy: more than a few pictures' worth. */
    private static boolean videoPassed(byte[] seen) {
        return seen.length > 100_000;
    }

    /**
     * Runs a call through the proxy with these options on every side, until the chat line has arrived and what the
     * proxy recorded is {@code enough} (60 s at most); returns what it recorded.
     */
    private static byte[] call(List<String> serverOptions, List<String> clientOptions, Predicate<byte[]> enough) throws Exception {
        int relayPort = ParleyProcess.freePort();
        List<String> server = new ArrayList<>(List.of("server", "--port", String.valueOf(relayPort), "--host", "127.0.0.1"));
        server.addAll(serverOptions);
        try (ParleyProcess relay = ParleyProcess.start("relay", server.toArray(String[]::new));
             RecordingProxy proxy = new RecordingProxy(relayPort)) {
            relay.awaitContaining("ready: relay listening on port " + relayPort);
            List<String> alice = new ArrayList<>(List.of("client", "--server", "127.0.0.1:" + proxy.port(), "--name", "alice"));
            alice.addAll(clientOptions);
            List<String> bob = new ArrayList<>(List.of("client", "--server", "127.0.0.1:" + proxy.port(), "--name", "bob"));
            bob.addAll(clientOptions);
            try (ParleyProcess a = ParleyProcess.start("alice", alice.toArray(String[]::new));
                 ParleyProcess b = ParleyProcess.start("bob", bob.toArray(String[]::new))) {
                a.await("alice connected", ParleyProcess::saysConnected);
                b.await("bob connected", ParleyProcess::saysConnected);
                b.awaitContaining("alice");
                a.type(SECRET);
                b.awaitContaining("alice: " + SECRET);
                // Let video flow through the proxy until there is enough of it to look at.
                long deadline = System.currentTimeMillis() + 60_000;
                byte[] seen = proxy.recorded();
                while (!enough.test(seen) && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                    seen = proxy.recorded();
                }
                if (serverOptions.isEmpty()) {
                    // The default: TLS, by BoringSSL where it loads (the tests run on Linux x86-64, where it does).
                    assertTrue(relay.stderr().contains("with TLS 1.3 by BoringSSL"), relay.describe());
                }
                return seen;
            }
        }
    }

    @Test
    void withTlsSomeoneOnTheNetworkSeesNeitherTheChatNorThePictures() throws Exception {
        byte[] seen = call(List.of(), List.of(), TlsCaptureIT::videoPassed);
        assertTrue(seen.length > 100_000, "video went through the proxy: " + seen.length + " bytes");
        assertFalse(RecordingProxy.contains(seen, SECRET.getBytes(StandardCharsets.UTF_8)), "chat readable on the network");
        assertFalse(RecordingProxy.contains(seen, JFIF), "JPEG pictures readable on the network");
    }

    @Test
    void withPlaintextEverythingIsThereForAnyoneToRead() throws Exception {
        byte[] seen = call(List.of("--plaintext"), List.of("--plaintext"), s -> RecordingProxy.contains(s, JFIF));
        assertTrue(RecordingProxy.contains(seen, SECRET.getBytes(StandardCharsets.UTF_8)));
        assertTrue(RecordingProxy.contains(seen, JFIF));
    }

    @Test
    void withEndToEndEncryptionTheRelayForwardsWhatItCannotRead() throws Exception {
        // In plaintext on purpose: the proxy then sees exactly what the relay receives and sends.
        byte[] seen = call(List.of("--plaintext", "--protect", "lobby=tulip fields in spring"),
                List.of("--plaintext", "--passphrase", "tulip fields in spring", "--e2ee"), TlsCaptureIT::videoPassed);
        assertTrue(seen.length > 100_000, "video went through the relay: " + seen.length + " bytes");
        assertFalse(RecordingProxy.contains(seen, SECRET.getBytes(StandardCharsets.UTF_8)), "chat readable by the relay");
        assertFalse(RecordingProxy.contains(seen, JFIF), "JPEG pictures readable by the relay");
        assertFalse(RecordingProxy.contains(seen, "tulip fields".getBytes(StandardCharsets.UTF_8)), "the passphrase on the wire");
        assertTrue(RecordingProxy.contains(seen, "E2EE1:".getBytes(StandardCharsets.US_ASCII)), "chat went sealed");
    }
}
