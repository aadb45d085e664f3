package dev.parley.launcher;

import org.junit.jupiter.api.Test;

/** A client rides out its relay going away and coming back, as after a relay restart on the LAN. */
class ReconnectIT {
    @Test
    void aClientReconnectsByItselfWhenTheRelayComesBackAndChatsAgain() throws Exception {
        int port = ParleyProcess.freePort();
        try (ParleyProcess first = ParleyProcess.start("relay-1", "server", "--port", String.valueOf(port), "--host", "127.0.0.1");
             ParleyProcess alice = ParleyProcess.start("alice", "client", "--server", "127.0.0.1:" + port, "--name", "alice", "--no-audio");
             ParleyProcess bob = ParleyProcess.start("bob", "client", "--server", "127.0.0.1:" + port, "--name", "bob", "--no-audio")) {
            first.awaitContaining("relay listening");
            alice.await("being connected", ParleyProcess::saysConnected);
            bob.await("being connected", ParleyProcess::saysConnected);
            first.kill();
            int aliceMark = alice.lineCount();
            int bobMark = bob.lineCount();
            alice.awaitFrom(aliceMark, "a reconnecting state", l -> l.startsWith("* reconnecting"));
            try (ParleyProcess second = ParleyProcess.start("relay-2", "server", "--port", String.valueOf(port), "--host", "127.0.0.1")) {
                second.awaitContaining("relay listening");
                alice.awaitFrom(aliceMark, "a new connection", l -> l.startsWith("* connected"));
                bob.awaitFrom(bobMark, "alice back in the room", l -> l.contains("alice joined"));
                alice.type("back again");
                bob.awaitFrom(bobMark, "alice's line", l -> l.endsWith("alice: back again"));
            }
        }
    }
}
