package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.BlockingWireClient;
import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import io.netty.buffer.ByteBufUtil;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stages 1 and 3: two peers and no server, and what happens when a peer meets a relay or a relay client meets a peer. */
class PeerStagesIT {
    /** The peer stages copy their plugin from extras/ into plugins/: they get a distribution of their own. */
    private static Path dist;

    @BeforeAll
    static void copyDistribution() throws Exception {
        dist = ParleyProcess.copyOfDistribution();
    }

    @Test
    void twoPeersTypeAndReceiveAtTheSameTimeWithNoServerAndStageThreeAddsVideoToTheSameCall() throws Exception {
        int port = ParleyProcess.freePort();
        try (ParleyProcess alice = ParleyProcess.startIn(dist, "alice", "stage", "1", "--listen", String.valueOf(port), "--name", "alice");
             ParleyProcess bob = ParleyProcess.startIn(dist, "bob", "stage", "1", "--connect", "127.0.0.1:" + port,
                     "--name", "bob", "--stats", "1")) {
            alice.awaitContaining("* connected: talking to bob");
            bob.awaitContaining("* connected: talking to alice");
            assertTrue(Files.exists(dist.resolve("plugins/parley-stage-p2p.jar")), "the plugin was not brought in from extras/");

            for (int i = 0; i < 20; i++) {
                alice.type("alice line " + i);
                bob.type("bob line " + i);
            }
            awaitInOrder(bob, "1 alice: alice line ", 20);
            awaitInOrder(alice, "2 bob: bob line ", 20);

            // Stage 3 on the listening side: its video reaches bob over the same connection.
            int mark = alice.lineCount();
            alice.type("/stage 3");
            alice.awaitFrom(mark, "the switch to stage 3", l -> l.startsWith("* stage 3 ("));
            bob.await("alice's video moving in bob's figures", l -> l.matches("\\s+1 alice\\s+video\\s+[1-9][0-9.]* fps.*"));
            alice.type("still the same call");
            bob.awaitContaining("1 alice: still the same call");
            assertTrue(bob.lines().stream().noneMatch(l -> l.contains("alice left")), "the peers reconnected:\n" + bob.describe());
        }
    }

    @Test
    void stageThreeSendsJpegVideoAndChatInParleyFramesToAPeerWrittenAgainstTheWireProtocol() throws Exception {
        int port = ParleyProcess.freePort();
        try (ParleyProcess alice = ParleyProcess.startIn(dist, "alice", "stage", "3", "--listen", String.valueOf(port), "--name", "alice")) {
            alice.awaitContaining("* stage 3 (");
            alice.awaitLog("waits for a peer");
            try (BlockingWireClient peer = TestTls.connect(port, 30_000)) {
                peer.send(new Messages.Hello(Messages.Role.PEER, "wire-peer", "p2p", "").toFrame());
                Frame answer = peer.read();
                assertEquals(MessageType.HELLO, answer.type());
                Messages.Hello hello = Messages.Hello.from(answer);
                answer.release();
                assertEquals(Messages.Role.PEER, hello.role());
                assertEquals("alice", hello.name());
                alice.awaitContaining("* 2 wire-peer joined");

                peer.send(Frame.text(0, 0, 0, "hello alice, from the wire"));
                alice.awaitContaining("2 wire-peer: hello alice, from the wire");
                alice.type("hello wire peer");

                List<byte[]> pictures = new ArrayList<>();
                String chat = null;
                int videoFrames = 0;
                while (pictures.size() < 5 || chat == null) {
                    Frame f = peer.read();
                    try {
                        if (f.type() == MessageType.VIDEO) {
                            assertEquals("jpeg", f.codec());
                            assertEquals(1, f.sender(), "the listening peer is participant 1");
                            pictures.add(ByteBufUtil.getBytes(f.payload()));
                            peer.send(new Messages.Received(++videoFrames).toFrame());
                        } else if (f.type() == MessageType.TEXT) {
                            chat = f.payload().toString(StandardCharsets.UTF_8);
                        } else if (f.type() == MessageType.PING) {
                            peer.send(new Messages.Pong(Messages.Ping.from(f).t1(), 0, 0).toFrame());
                        }
                    } finally {
                        f.release();
                    }
                }
                assertEquals("hello wire peer", chat);
                BufferedImage picture = ImageIO.read(new ByteArrayInputStream(pictures.get(4)));
                assertNotNull(picture, "a VIDEO frame is not a JPEG picture");
                assertEquals(640, picture.getWidth());
                assertEquals(480, picture.getHeight());
            }
        }
    }

    @Test
    void aPeerCallingARelayAndARelayClientCallingAPeerEachGetOneClearErrorOnBothSides() throws Exception {
        int relayPort = ParleyProcess.freePort();
        int peerPort = ParleyProcess.freePort();
        try (ParleyProcess relay = ParleyProcess.start("relay", "server", "--port", String.valueOf(relayPort), "--host", "127.0.0.1");
             ParleyProcess alice = ParleyProcess.startIn(dist, "alice", "stage", "1", "--listen", String.valueOf(peerPort), "--name", "alice")) {
            relay.awaitContaining("relay listening on port " + relayPort);
            alice.awaitLog("waits for a peer");
            try (ParleyProcess bob = ParleyProcess.startIn(dist, "bob", "stage", "1", "--connect", "127.0.0.1:" + relayPort, "--name", "bob");
                 ParleyProcess carol = ParleyProcess.start("carol", "client", "--server", "127.0.0.1:" + peerPort,
                         "--name", "carol", "--no-video", "--no-audio")) {
                bob.awaitContaining("* closed: that is a Parley relay, not a peer: use parley client");
                relay.awaitLog("this is a Parley relay, not a peer");
                carol.awaitContaining("* closed: this is a Parley peer, not a relay");
                alice.awaitLog("this is a Parley peer, not a relay");
                assertTrue(bob.isAlive() && carol.isAlive(), "a refused side should say so, not crash");
            }
            // Neither side tried again (a retry comes after 200 ms; bob and carol ran on well past that): one error each.
            assertEquals(1, occurrences(relay.stderr(), "WRONG_ROLE"), relay.describe());
            assertEquals(1, occurrences(alice.stderr(), "WRONG_ROLE"), alice.describe());
        }
    }

    private static long occurrences(String text, String word) {
        return text.lines().filter(l -> l.contains(word)).count();
    }

    /** Waits for {@code prefix + i} for i = 0..n-1, each after the one before. */
    private static void awaitInOrder(ParleyProcess p, String prefix, int n) throws InterruptedException {
        int from = 0;
        for (int i = 0; i < n; i++) {
            String expected = prefix + i;
            String found = p.awaitFrom(from, "'" + expected + "'", l -> l.endsWith(expected));
            from = p.lines().indexOf(found) + 1;
        }
    }

}
