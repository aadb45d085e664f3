package dev.parley.call;

import dev.parley.api.MediaBus;
import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.Subscription;
import dev.parley.api.call.Call;
import dev.parley.api.call.CallListener;
import dev.parley.api.call.CallListeners;
import dev.parley.api.call.CallState;
import dev.parley.api.call.ChatMessage;
import dev.parley.api.call.Participant;
import dev.parley.protocol.ClockEstimator;
import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import dev.parley.protocol.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every call does, whatever carries it: sends the bus's local frames and publishes the other side's on the bus,
 * keeps the roster, the chat history and the lines said while no connection is up, estimates the other side's clock
 * with PING and PONG, acknowledges the video it reads with RECEIVED and windows the video it sends
 * ({@link OutgoingVideo}).
 *
 * <p>A transport extends it and keeps only its connection and handshake. When the handshake is done it calls
 * {@link #sessionStarted}, hands every frame of the session to {@link #handle} (which takes the media and the
 * clock and flow-control messages and leaves the rest to it), calls {@link #readComplete} and {@link #writable}
 * from its handler, and {@link #sessionEnded} when the connection goes. Those calls come from the connection's
 * event loop; {@link #say} and the bus's frames may come from any thread.
 */
public abstract class CallCore implements Call {
    /** Chat lines kept for views that open later. */
    public static final int HISTORY = 200;
    /** Chat lines kept while no connection is up, sent once one is. */
    public static final int PENDING_TEXT = 100;
    /** How long sent video may wait for its acknowledgement before the window shrinks (the relay's default too). */
    public static final int VIDEO_LATENCY_TARGET_MILLIS = 100;

    /** Whose clock the timestamps on the wire are in (docs/PROTOCOL.md, sections 6 and 9). */
    public enum WireClock {
        /** The other end's: a relay, which forwards timestamps unchanged to everyone in the room. */
        OTHER_END,
        /** The sender's own: between peers, each receiver corrects with its own estimate. */
        SENDER
    }

    private static final Logger LOG = LoggerFactory.getLogger(CallCore.class);

    private final MediaBus bus;
    private final WireClock wireClock;
    private final MediaProtection protection;
    private final ClockEstimator clock = new ClockEstimator();
    private final CallListeners listeners = new CallListeners();
    private final Map<Integer, Participant> roster = new LinkedHashMap<>();
    private final ArrayDeque<ChatMessage> history = new ArrayDeque<>();
    private final ArrayDeque<String> pendingText = new ArrayDeque<>();
    private final AtomicInteger textSequence = new AtomicInteger();
    private final AtomicBoolean left = new AtomicBoolean();
    private final Subscription outgoing;

    private volatile CallState state = CallState.CONNECTING;
    /** The connection of the running session, or null between sessions. Guarded by {@link #pendingText}. */
    private volatile Channel session;
    // On the session's event loop only.
    private OutgoingVideo video;
    private ScheduledFuture<?> pingTask;
    private int videoReceived;
    private boolean videoUnacknowledged;

    /**
     * @param bus        the local bus: its local VIDEO and AUDIO frames are sent, remote frames published on it
     * @param who        names the bus subscription in figures ("send-" + who)
     * @param wireClock  whose clock the wire's timestamps are in
     * @param protection what happens to payloads on the way out and in
     */
    protected CallCore(MediaBus bus, String who, WireClock wireClock, MediaProtection protection) {
        this.bus = bus;
        this.wireClock = wireClock;
        this.protection = protection;
        this.outgoing = bus.subscribe("send-" + who, f -> f.isLocal() && f.kind() != MediaKind.TEXT, this::sendLocal);
    }

    // ---- for the transport: what it writes into the sender field, and its hooks ----

    /** The sender field of frames this call writes: 0 towards a relay (which stamps its own), the local id between peers. */
    protected abstract int senderField();

    /**
     * Who sent a frame that arrived: the header's sender field, which a relay stamps. Between peers there is only
     * one possible sender, whatever the field says.
     */
    protected int senderOf(Frame frame) {
        return frame.sender();
    }

    /** A local frame is about to be sent (a relay call checks its codec agreement here). Any thread. */
    protected void sending(MediaFrame frame) {
    }

    /** Leaving: the BYE went out; close what the transport holds (listeners, event loops). */
    protected abstract void closeTransport();

    // ---- the session, on its event loop ----

    /**
     * The handshake is done: from now on frames flow. Starts the clock estimate, the video window (its first size,
     * {@code videoWindow}, from WELCOME or the protocol's 4) and sends the lines said while there was no session.
     */
    protected final void sessionStarted(Channel ch, int videoWindow) {
        videoReceived = 0;
        videoUnacknowledged = false;
        video = new OutgoingVideo(ch, videoWindow, VIDEO_LATENCY_TARGET_MILLIS);
        ping(ch);
        pingTask = ch.eventLoop().scheduleAtFixedRate(() -> ping(ch), 1, 1, TimeUnit.SECONDS);
        List<String> queued;
        synchronized (pendingText) {
            session = ch;
            queued = new ArrayList<>(pendingText);
            pendingText.clear();
        }
        for (String t : queued) writeText(ch, t);
    }

    /** The session's connection closed. Returns whether it was the running session. */
    protected final boolean sessionEnded(Channel ch) {
        synchronized (pendingText) {
            if (session != ch) return false;
            session = null;
        }
        if (pingTask != null) pingTask.cancel(false);
        if (video != null) video.close();
        return true;
    }

    /** The running session's connection, or null. */
    protected final Channel session() {
        return session;
    }

    /**
     * Takes the frames every call handles alike: VIDEO, AUDIO and TEXT onto the bus, PING answered, PONG into the
     * clock estimate, RECEIVED into the video window. Returns false for any other type, which is the transport's.
     */
    protected final boolean handle(Channel ch, Frame frame) {
        switch (frame.type()) {
            case VIDEO -> {
                videoReceived++;
                videoUnacknowledged = true;
                publishRemote(frame, MediaKind.VIDEO);
            }
            case AUDIO -> publishRemote(frame, MediaKind.AUDIO);
            case TEXT -> {
                int sender = senderOf(frame);
                String from = nameOf(sender);
                String text = protection.openText(frame.payload().toString(StandardCharsets.UTF_8), from);
                ChatMessage m = new ChatMessage(sender, from, text, clock.toLocal(frame.timestampMicros()), false);
                remember(m);
                publishRemote(frame, MediaKind.TEXT);
                listeners.chat(m);
            }
            case PING -> {
                long t2 = ClockEstimator.nowMicros();
                ch.writeAndFlush(new Messages.Pong(Messages.Ping.from(frame).t1(), t2, ClockEstimator.nowMicros()).toFrame(),
                        ch.voidPromise());
            }
            case PONG -> clock.add(Messages.Pong.from(frame), ClockEstimator.nowMicros());
            case RECEIVED -> {
                int count = Messages.Received.from(frame).videoFrames();
                if (video != null) video.acknowledged(count);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** End of a read batch: acknowledge the video taken in, so the other side sends more. */
    public final void readComplete(Channel ch) {
        if (videoUnacknowledged && session == ch) {
            videoUnacknowledged = false;
            ch.writeAndFlush(new Messages.Received(videoReceived).toFrame(), ch.voidPromise());
        }
    }

    /** The connection's writability changed: waiting video may go. */
    public final void writable(Channel ch) {
        if (ch.isWritable() && session == ch && video != null) video.writable();
    }

    private void ping(Channel ch) {
        ch.writeAndFlush(new Messages.Ping(ClockEstimator.nowMicros()).toFrame(), ch.voidPromise());
    }

    private void publishRemote(Frame frame, MediaKind kind) {
        int sender = senderOf(frame);
        String from = nameOf(sender);
        byte[] payload = ByteBufUtil.getBytes(frame.payload());
        if (kind != MediaKind.TEXT && protection != MediaProtection.NONE) {
            payload = protection.open(frame.type(), frame.stream(), frame.codec(), payload, from);
            if (payload == null) return;
        }
        bus.publish(MediaFrame.builder(kind)
                .sender(sender)
                .senderName(from)
                .stream(frame.stream())
                .sequence(Integer.toUnsignedLong(frame.sequence()))
                .captureMicros(clock.toLocal(frame.timestampMicros()))
                .codec(frame.codec())
                .flags(frame.flags())
                .payload(payload)
                .build());
    }

    // ---- the local side ----

    private void sendLocal(MediaFrame f) {
        Channel ch = session;
        if (ch == null) return;
        sending(f);
        MessageType type = f.kind() == MediaKind.VIDEO ? MessageType.VIDEO : MessageType.AUDIO;
        ByteBuf payload = Unpooled.wrappedBuffer(f.payload());
        if (protection != MediaProtection.NONE) {
            byte[] sealed = protection.seal(type, f.stream(), f.codec(), ByteBufUtil.getBytes(payload));
            if (sealed == null) return;
            payload = Unpooled.wrappedBuffer(sealed);
        }
        Frame frame = new Frame(type, f.isKeyframe() ? Wire.FLAG_KEYFRAME : 0, f.stream(), senderField(),
                (int) f.sequence(), toWire(f.captureMicros()), f.codec(), payload);
        ch.eventLoop().execute(() -> {
            if (session != ch) {
                frame.release();
            } else if (type == MessageType.VIDEO) {
                video.offer(frame);
            } else if (ch.isWritable()) {
                ch.writeAndFlush(frame, ch.voidPromise());
            } else {
                // Audio behind a full socket would only arrive late; the next 20 ms are already coming.
                frame.release();
            }
        });
    }

    private long toWire(long localMicros) {
        return wireClock == WireClock.OTHER_END ? clock.toRemote(localMicros) : localMicros;
    }

    @Override
    public void say(String text) {
        if (text == null || text.isBlank()) return;
        if (text.getBytes(StandardCharsets.UTF_8).length > Wire.MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("chat line longer than " + Wire.MAX_TEXT_BYTES + " bytes");
        }
        Channel ch;
        synchronized (pendingText) {
            ch = session;
            if (ch == null) {
                if (pendingText.size() >= PENDING_TEXT) pendingText.removeFirst();
                pendingText.addLast(text);
            }
        }
        if (ch != null) {
            writeText(ch, text);
        } else {
            LOG.info("{}: not connected; the line will be sent once the connection is back", name());
        }
    }

    private void writeText(Channel ch, String text) {
        long now = ClockEstimator.nowMicros();
        String wire = protection.sealText(text);
        if (wire == null) {
            LOG.warn("The end-to-end key is still being made; the line was not sent: {}", text);
            return;
        }
        // In the history before it is on the wire: whoever sees the line arrive elsewhere finds it here too.
        ChatMessage m = new ChatMessage(localId(), name(), text, now, true);
        remember(m);
        ch.writeAndFlush(Frame.text(senderField(), textSequence.getAndIncrement(), toWire(now), wire), ch.voidPromise());
        bus.publish(MediaFrame.builder(MediaKind.TEXT).senderName(name()).captureMicros(now)
                .payload(text.getBytes(StandardCharsets.UTF_8)).build());
        listeners.chat(m);
    }

    private void remember(ChatMessage m) {
        synchronized (history) {
            if (history.size() >= HISTORY) history.removeFirst();
            history.addLast(m);
        }
    }

    // ---- the roster ----

    /** Someone is in the call: added to the roster and announced. */
    protected final void joined(Participant p) {
        synchronized (roster) {
            roster.put(p.id(), p);
        }
        listeners.joined(p);
    }

    /** Someone left: removed and announced, with {@code name} when the roster did not know them. */
    protected final void left(int id, String name, String reason) {
        Participant p;
        synchronized (roster) {
            p = roster.remove(id);
        }
        listeners.left(p != null ? p : new Participant(id, name, false), reason);
    }

    /** The connection went: everyone is gone from the roster; the others are announced as left if {@code announce}. */
    protected final void clearRoster(String reason, boolean announce) {
        List<Participant> gone;
        synchronized (roster) {
            gone = new ArrayList<>(roster.values());
            roster.clear();
        }
        if (!announce) return;
        for (Participant p : gone) {
            if (!p.self()) listeners.left(p, reason);
        }
    }

    /** The name of participant {@code id}, or "#id" for one the roster does not know. */
    protected final String nameOf(int id) {
        synchronized (roster) {
            Participant p = roster.get(id);
            return p == null ? "#" + id : p.name();
        }
    }

    protected final void setState(CallState s, String detail) {
        state = s;
        LOG.debug("{}: {} ({})", name(), s, detail);
        listeners.stateChanged(s, detail);
    }

    /** Whether {@link #leave} was called. */
    protected final boolean hasLeft() {
        return left.get();
    }

    // ---- Call ----

    @Override public final CallState state() { return state; }
    @Override public final MediaBus bus() { return bus; }
    @Override public final long roundTripMicros() { return clock.roundTripMicros(); }
    @Override public final void addListener(CallListener listener) { listeners.add(listener); }
    @Override public final void removeListener(CallListener listener) { listeners.remove(listener); }

    @Override
    public List<Participant> roster() {
        synchronized (roster) {
            return List.copyOf(roster.values());
        }
    }

    @Override
    public final List<ChatMessage> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** Says BYE, closes the connection and the transport; the call stays closed. */
    @Override
    public final void leave() {
        if (!left.compareAndSet(false, true)) return;
        outgoing.close();
        Channel ch = session;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(new Messages.Bye("leaving").toFrame()).addListener(f -> ch.close());
            ch.closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        closeTransport();
        if (state != CallState.CLOSED) setState(CallState.CLOSED, "left");
    }
}
