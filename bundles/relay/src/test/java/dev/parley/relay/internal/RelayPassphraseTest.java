package dev.parley.relay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import dev.parley.relay.internal.WireClient.In;
import dev.parley.security.RoomPassphrase;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rooms with a passphrase: a challenge, an answer that proves the passphrase, and nothing else for a wrong one. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RelayPassphraseTest {
    private RelayServer relay;
    private final List<WireClient> clients = new ArrayList<>();

    @BeforeEach
    void start() throws InterruptedException {
        relay = new RelayServer(RelaySettings.defaults("127.0.0.1", 0)
                .with("roomPassphrases", "lab=correct horse\nexam=another one")
                .with("passphraseMemoryKiB", 1024).with("passphraseIterations", 1)).start();
    }

    @AfterEach
    void stop() throws IOException {
        for (WireClient c : clients) c.close();
        relay.close();
    }

    private WireClient connect() throws IOException {
        WireClient c = WireClient.connect(relay.port());
        clients.add(c);
        return c;
    }

    /** Says HELLO for {@code room}, answers the challenge with {@code passphrase}, returns the relay's answer. */
    private In join(WireClient c, String name, String room, String passphrase) throws IOException {
        c.send(new Messages.Hello(Messages.Role.CLIENT, name, room, "").toFrame());
        In first = c.read();
        assertEquals(MessageType.CHALLENGE, first.type(), () -> "a protected room asks first: " + first);
        Messages.Challenge ch = Messages.Challenge.from(first.frame());
        assertEquals("argon2id", ch.kdf());
        byte[] key = RoomPassphrase.key(passphrase, ch.salt(), new RoomPassphrase.Cost(ch.memoryKiB(), ch.iterations(), ch.parallelism()));
        c.send(new Messages.Auth(RoomPassphrase.response(key, ch.nonce(), room, name)).toFrame());
        return c.read();
    }

    @Test
    void theRightPassphraseJoinsTheRoom() throws IOException {
        WireClient alice = connect();
        In answer = join(alice, "alice", "lab", "correct horse");
        assertEquals(MessageType.WELCOME, answer.type());
        assertEquals("lab", Messages.Welcome.from(answer.frame()).room());
        // WELCOME may reach the client before the relay's own thread has listed the member: wait, bounded.
        for (int i = 0; i < 500 && relay.members().isEmpty(); i++) sleep(10);
        assertEquals(1, relay.members().size());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aWrongPassphraseGetsAuthenticationFailedAndNothingElse() throws IOException {
        WireClient mallory = connect();
        In answer = join(mallory, "mallory", "lab", "wrong horse");
        assertEquals(MessageType.ERROR, answer.type());
        Messages.Error e = Messages.Error.from(answer.frame());
        assertEquals(new Messages.Error(ErrorCode.AUTH_FAILED, "authentication failed"), e);
        mallory.assertClosedByRelay();
        assertEquals(0, relay.members().size());
        assertEquals(0, relay.totals().protocolErrors(), "a wrong passphrase is not a protocol error");
    }

    @Test
    void thePassphraseOfOneRoomDoesNotOpenAnother() throws IOException {
        WireClient c = connect();
        assertEquals(MessageType.ERROR, join(c, "alice", "exam", "correct horse").type());
    }

    @Test
    void anOpenRoomNeedsNoPassphrase() throws IOException {
        WireClient c = connect();
        c.send(new Messages.Hello(Messages.Role.CLIENT, "bob", "lobby", "").toFrame());
        assertEquals(MessageType.WELCOME, c.read().type());
    }

    @Test
    void anythingButAuthAfterTheChallengeIsRefused() throws IOException {
        WireClient c = connect();
        c.send(new Messages.Hello(Messages.Role.CLIENT, "eve", "lab", "").toFrame());
        assertEquals(MessageType.CHALLENGE, c.read().type());
        c.sendText(0, "let me in");
        assertEquals(ErrorCode.UNEXPECTED_MESSAGE, c.readError().code());
    }

    @Test
    void eachFailureFromAnAddressMakesItWaitLongerForItsNextChallenge() throws Exception {
        RoomLocks locks = new RoomLocks("", RoomPassphrase.Cost.DEFAULT);
        InetAddress a = InetAddress.getByName("192.0.2.7");
        assertEquals(0, locks.delayMillis(a));
        long previous = 0;
        for (int i = 0; i < 8; i++) {
            locks.failed(a);
            long d = locks.delayMillis(a);
            assertTrue(d >= previous && d > 0 && d <= 8_000, "delay " + d + " after " + (i + 1) + " failures");
            previous = d;
        }
        assertEquals(8_000, previous);
        locks.succeeded(a);
        assertEquals(0, locks.delayMillis(a));
    }
}
