package dev.parley.stage.p2p.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.FrameListener;
import dev.parley.api.MediaBus;
import dev.parley.api.MediaFrame;
import dev.parley.api.StreamKey;
import dev.parley.api.StreamStats;
import dev.parley.api.Subscription;
import dev.parley.api.call.CallListener;
import dev.parley.api.call.ChatMessage;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The peer handshake, driven through an {@link EmbeddedChannel}: what the listening side answers to each caller. */
class PeerSessionTest {
    private final List<MediaFrame> published = new CopyOnWriteArrayList<>();
    private final PeerCall call = new PeerCall(new PeerAddress(true, "127.0.0.1", 0, "alice", false, ""), new RecordingBus());
    private final EmbeddedChannel channel = new EmbeddedChannel(new PeerSession(call, true));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
        call.leave();
    }

    private Frame answer() {
        Frame f = channel.readOutbound();
        assertTrue(f != null, "no answer");
        return f;
    }

    @Test
    void aRelayClientCallingAPeerIsToldThisIsAPeerAndTheConnectionCloses() {
        channel.writeInbound(new Messages.Hello(Messages.Role.CLIENT, "carol", "lobby", "").toFrame());
        Frame f = answer();
        Messages.Error error = Messages.Error.from(f);
        f.release();
        assertEquals(ErrorCode.WRONG_ROLE, error.code());
        assertTrue(error.message().startsWith("this is a Parley peer, not a relay"), error.message());
        assertFalse(channel.isOpen());
    }

    @Test
    void aPeerIsAnsweredWithTheListenersOwnHelloAndJoinsAsParticipantTwo() {
        List<String> joined = new CopyOnWriteArrayList<>();
        call.addListener(new CallListener() {
            @Override
            public void joined(dev.parley.api.call.Participant p) {
                joined.add(p.id() + " " + p.name());
            }
        });
        channel.writeInbound(new Messages.Hello(Messages.Role.PEER, "bob", "p2p", "").toFrame());
        Frame f = answer();
        Messages.Hello hello = Messages.Hello.from(f);
        f.release();
        assertEquals(Messages.Role.PEER, hello.role());
        assertEquals("alice", hello.name());
        assertEquals(List.of("2 bob"), joined);
        assertTrue(channel.isOpen());
    }

    @Test
    void chatFromThePeerArrivesWithItsNameAndGoesOnTheBus() {
        List<ChatMessage> chat = new CopyOnWriteArrayList<>();
        call.addListener(new CallListener() {
            @Override
            public void chat(ChatMessage m) {
                chat.add(m);
            }
        });
        channel.writeInbound(new Messages.Hello(Messages.Role.PEER, "bob", "p2p", "").toFrame());
        channel.writeInbound(Frame.text(2, 0, 0, "hello alice"));
        assertEquals("2 bob: hello alice", chat.get(0).toString());
        assertEquals(1, published.stream().filter(m -> m.sender() == 2).count());
    }

    @Test
    void anythingButHelloFirstIsAnUnexpectedMessage() {
        channel.writeInbound(Frame.text(0, 0, 0, "hi"));
        Frame f = answer();
        assertEquals(MessageType.ERROR, f.type());
        assertEquals(ErrorCode.UNEXPECTED_MESSAGE, Messages.Error.from(f).code());
        f.release();
        assertFalse(channel.isOpen());
    }

    /** Records what is published; nothing subscribes. */
    private final class RecordingBus implements MediaBus {
        @Override public void publish(MediaFrame frame) { published.add(frame); }

        @Override
        public Subscription subscribe(String name, Predicate<MediaFrame> filter, FrameListener listener) {
            return new Subscription() {
                @Override public String name() { return name; }
                @Override public long dropped() { return 0; }
                @Override public long delivered() { return 0; }
                @Override public void close() { }
            };
        }

        @Override public List<StreamStats> stats() { return List.of(); }
        @Override public StreamStats stats(StreamKey key) { return null; }
        @Override public AutoCloseable addKeyframeListener(dev.parley.api.KeyframeListener listener) { return () -> { }; }
    }
}
