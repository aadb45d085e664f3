package dev.parley.relay.internal;

import static dev.parley.relay.internal.Waits.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Messages;
import dev.parley.protocol.Wire;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What connections that have not joined, or too many connections, can make the relay do: they are refused at the
 * header or at the door with the documented ERROR, at once and not at the handshake timeout, and nothing of theirs
 * stays counted after they go.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RelayLimitsTest {
    static {
        LeakWatch.install();
    }

    private final List<WireClient> clients = new ArrayList<>();
    private RelayServer relay;

    @AfterEach
    void close() throws IOException {
        for (WireClient c : clients) c.close();
        if (relay != null) relay.close();
    }

    @AfterAll
    static void noBufferLeaked() throws InterruptedException {
        assertEquals(List.of(), LeakWatch.collect(), "Netty buffers leaked (reference counting mistake)");
    }

    private RelayServer start(RelaySettings s) throws InterruptedException {
        relay = new RelayServer(s).start();
        return relay;
    }

    private WireClient connect() throws IOException {
        WireClient c = WireClient.connect(relay.port());
        clients.add(c);
        return c;
    }

    /** A header (and nothing else) of a frame of {@code type} claiming {@code length} bytes of payload. */
    private static byte[] header(int type, long length) {
        ByteBuffer b = ByteBuffer.allocate(Wire.HEADER_LENGTH);
        b.putShort((short) Wire.MAGIC).put((byte) 1).put((byte) type).put((byte) 0).put((byte) 0).putShort((short) 0)
                .putInt(0).putInt(0).putLong(0).putInt((int) length);
        return b.array();
    }

    @Test
    void sixtyConnectionsClaimingHugeFramesBeforeHelloAreRefusedFromTheHeaderAlone() throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0).with("maxConnectionsPerAddress", 100));
        List<WireClient> attackers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            WireClient c = connect();
            c.sendRaw(header(i % 2 == 0 ? 0x10 : 0x01, 8 * 1024 * 1024)); // VIDEO or HELLO of 8 MiB, never sent
            attackers.add(c);
        }
        for (WireClient c : attackers) {
            // Answered at once (the handshake timeout is 10 s; the socket's read guard would fail the test first).
            Messages.Error e = c.readError();
            assertEquals(ErrorCode.FRAME_TOO_LARGE, e.code());
            c.assertClosedByRelay();
        }
        eventually(() -> relay.gate().handshaking() == 0);
    }

    @Test
    void aHelloLongerThanAnyValidHelloIsRefusedBeforeItArrives() throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0));
        WireClient c = connect();
        c.sendRaw(header(0x01, Wire.MAX_HELLO_BYTES + 1));
        assertEquals(ErrorCode.FRAME_TOO_LARGE, c.readError().code());
        c.assertClosedByRelay();
    }

    @Test
    void anAddressGetsItsShareOfConnectionsAndNoMore() throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0).with("maxConnectionsPerAddress", 5));
        for (int i = 0; i < 5; i++) connect().hello("p" + i, "lobby");
        WireClient sixth = connect();
        Messages.Error e = sixth.readError();
        assertEquals(ErrorCode.LIMIT_REACHED, e.code());
        assertTrue(e.message().contains("too many connections from 127.0.0.1"), e.message());
        sixth.assertClosedByRelay();
        // One leaves: its place is free again.
        clients.get(0).close();
        eventually(() -> relay.members().size() == 4);
        connect().hello("again", "lobby");
    }

    @Test
    void connectionsThatHaveNotJoinedAreBoundedFromAllAddressesTogether() throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0).with("maxHandshaking", 3));
        List<WireClient> silent = new ArrayList<>();
        for (int i = 0; i < 3; i++) silent.add(connect());
        eventually(() -> relay.gate().handshaking() == 3);
        WireClient fourth = connect();
        assertEquals(ErrorCode.LIMIT_REACHED, fourth.readError().code());
        // Those that join leave the count: room for more.
        silent.get(0).hello("joined", "lobby");
        eventually(() -> relay.gate().handshaking() == 2);
        connect().hello("next", "lobby");
    }

    @Test
    void aFullRoomAndOneRoomTooManyAreRefusedAndEmptyRoomsGo() throws Exception {
        start(RelaySettings.defaults("127.0.0.1", 0).with("maxParticipantsPerRoom", 2).with("maxRooms", 2));
        connect().hello("a", "one");
        connect().hello("b", "one");
        WireClient third = connect();
        third.send(new Messages.Hello(Messages.Role.CLIENT, "c", "one", "").toFrame());
        Messages.Error full = third.readError();
        assertEquals(ErrorCode.LIMIT_REACHED, full.code());
        assertTrue(full.message().contains("room one is full"), full.message());

        WireClient other = connect();
        other.hello("d", "two");
        WireClient tooMany = connect();
        tooMany.send(new Messages.Hello(Messages.Role.CLIENT, "e", "three", "").toFrame());
        assertEquals(ErrorCode.LIMIT_REACHED, tooMany.readError().code());

        other.close(); // room two is empty now, and goes
        eventually(() -> relay.rooms() == 1);
        connect().hello("f", "three");
        assertEquals(0, relay.totals().protocolErrors(), "limits are not protocol errors");
    }
}
