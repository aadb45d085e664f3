package dev.parley.stage.p2p.internal;

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
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call with one peer and no relay. Local frames on the bus go to the peer, the peer's frames come onto the bus
 * with its participant number (1 for the listening side, 2 for the connecting one), chat is kept as history. Video
 * is flow-controlled as the relay does it: at most {@link #VIDEO_WINDOW} frames unacknowledged, newer frames
 * replacing what could not be sent, so a slow peer sees fresh pictures instead of a backlog.
 */
final class PeerCall implements Call {
    private static final Logger LOG = LoggerFactory.getLogger(PeerCall.class);
    static final int VIDEO_WINDOW = 4;
    private static final int HISTORY = 200;
    private static final int PENDING_TEXT = 100;

    private final PeerAddress address;
    private final MediaBus bus;
    private final ClockEstimator clock = new ClockEstimator();
    private final CallListeners listeners = new CallListeners();
    private final ArrayDeque<ChatMessage> history = new ArrayDeque<>();
    private final ArrayDeque<String> pendingText = new ArrayDeque<>();
    private final AtomicInteger textSequence = new AtomicInteger();
    private final Subscription outgoing;
    private final PeerEndpoint endpoint;

    private volatile CallState state = CallState.CONNECTING;
    private volatile Channel session;
    private volatile Participant peer;
    private volatile boolean over;
    private final AtomicBoolean left = new AtomicBoolean();
    private ScheduledFuture<?> pingTask;
    // Flow control, on the session's event loop only.
    private int videoReceived;
    private boolean videoUnacknowledged;
    private int videoSent;
    private int videoAcked;

    PeerCall(PeerAddress address, MediaBus bus) {
        this.address = address;
        this.bus = bus;
        this.outgoing = bus.subscribe("send-p2p-" + address.name(), f -> f.isLocal() && f.kind() != MediaKind.TEXT,
                this::sendLocal);
        this.endpoint = new PeerEndpoint(this, address);
    }

    PeerCall start() {
        try {
            endpoint.start();
        } catch (RuntimeException e) {
            outgoing.close();
            throw e;
        }
        setState(CallState.CONNECTING, address.listen() ? "waiting for a peer on port " + address.port()
                : "calling the peer at " + address.host() + ":" + address.port());
        return this;
    }

    // ---- from the session, on its event loop ----

    /** Whether this connection may become the session: one peer at a time. */
    synchronized boolean accept(Channel ch) {
        if (over || session != null && session.isActive()) return false;
        session = ch;
        return true;
    }

    void started(Channel ch, String peerName) {
        Participant p = new Participant(address.peerId(), peerName, false);
        peer = p;
        videoReceived = 0;
        videoSent = 0;
        videoAcked = 0;
        ping(ch);
        pingTask = ch.eventLoop().scheduleAtFixedRate(() -> ping(ch), 1, 1, TimeUnit.SECONDS);
        LOG.info("{} is in a call with {} at {}", address.name(), peerName, ch.remoteAddress());
        setState(CallState.CONNECTED, "talking to " + peerName + " at " + ch.remoteAddress());
        listeners.joined(p);
        List<String> queued;
        synchronized (pendingText) {
            queued = new ArrayList<>(pendingText);
            pendingText.clear();
        }
        for (String t : queued) writeText(ch, t);
    }

    void received(Channel ch, Frame frame) {
        switch (frame.type()) {
            case VIDEO -> {
                videoReceived++;
                videoUnacknowledged = true;
                publishRemote(frame, MediaKind.VIDEO);
            }
            case AUDIO -> publishRemote(frame, MediaKind.AUDIO);
            case TEXT -> {
                Participant p = peer;
                ChatMessage m = new ChatMessage(p.id(), p.name(), frame.payload().toString(StandardCharsets.UTF_8),
                        clock.toLocal(frame.timestampMicros()), false);
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
                videoAcked = count - videoSent > 0 ? videoSent : count;
            }
            default -> LOG.debug("Ignoring {} from the peer", frame.type());
        }
    }

    /** End of a read batch: acknowledge the video taken in. */
    void readComplete(Channel ch) {
        if (videoUnacknowledged) {
            videoUnacknowledged = false;
            ch.writeAndFlush(new Messages.Received(videoReceived).toFrame(), ch.voidPromise());
        }
    }

    void ended(Channel ch, String reason) {
        synchronized (this) {
            if (session != ch) return;
            session = null;
        }
        if (pingTask != null) pingTask.cancel(false);
        Participant p = peer;
        peer = null;
        if (p != null) listeners.left(p, reason);
        if (!over) {
            setState(CallState.RECONNECTING, address.listen() ? "waiting for the next peer on port " + address.port()
                    : "calling the peer again");
        }
    }

    /** The other side is the wrong kind of endpoint: trying again would not help. */
    void refused(String detail, Messages.Error error) {
        over = true;
        LOG.error("{}: {} ({}: {})", address.name(), detail, error.code(), error.message());
        setState(CallState.CLOSED, detail);
    }

    /** TLS cannot work with this peer without the user (a changed certificate, TLS on one side only). */
    void refusedTls(String why) {
        over = true;
        LOG.error("{}: not talking to the peer at {}:{}: {}", address.name(), address.host(), address.port(), why);
        setState(CallState.CLOSED, why);
    }

    void waiting(String detail) {
        if (state != CallState.CONNECTING) setState(CallState.CONNECTING, detail);
    }

    boolean isOver() { return over; }

    // ---- local side ----

    private void sendLocal(MediaFrame f) {
        Channel ch = session;
        if (ch == null || peer == null) return;
        MessageType type = f.kind() == MediaKind.VIDEO ? MessageType.VIDEO : MessageType.AUDIO;
        Frame frame = new Frame(type, f.isKeyframe() ? Wire.FLAG_KEYFRAME : 0, f.stream(), address.localId(),
                (int) f.sequence(), f.captureMicros(), f.codec(), Unpooled.wrappedBuffer(f.payload()));
        ch.eventLoop().execute(() -> {
            if (type == MessageType.VIDEO) {
                // Beyond the window, or with the socket full, this frame is dropped: the next one is fresher.
                if (videoSent - videoAcked >= VIDEO_WINDOW || !ch.isWritable()) {
                    frame.release();
                    return;
                }
                videoSent++;
            } else if (!ch.isWritable()) {
                frame.release();
                return;
            }
            ch.writeAndFlush(frame, ch.voidPromise());
        });
    }

    private void publishRemote(Frame frame, MediaKind kind) {
        Participant p = peer;
        bus.publish(MediaFrame.builder(kind)
                .sender(address.peerId())
                .senderName(p == null ? "peer" : p.name())
                .stream(frame.stream())
                .sequence(Integer.toUnsignedLong(frame.sequence()))
                .captureMicros(clock.toLocal(frame.timestampMicros()))
                .codec(frame.codec())
                .flags(frame.flags())
                .payload(ByteBufUtil.getBytes(frame.payload()))
                .build());
    }

    private void ping(Channel ch) {
        ch.writeAndFlush(new Messages.Ping(ClockEstimator.nowMicros()).toFrame(), ch.voidPromise());
    }

    @Override
    public void say(String text) {
        if (text == null || text.isBlank()) return;
        if (text.getBytes(StandardCharsets.UTF_8).length > Wire.MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("chat line longer than " + Wire.MAX_TEXT_BYTES + " bytes");
        }
        Channel ch = session;
        if (ch != null && peer != null) {
            writeText(ch, text);
        } else {
            synchronized (pendingText) {
                if (pendingText.size() >= PENDING_TEXT) pendingText.removeFirst();
                pendingText.addLast(text);
            }
            LOG.info("No peer yet: the line will be sent once one is here");
        }
    }

    private void writeText(Channel ch, String text) {
        long now = ClockEstimator.nowMicros();
        // Timestamps between peers are the sender's own clock; the receiver corrects them with its offset estimate.
        ch.writeAndFlush(Frame.text(address.localId(), textSequence.getAndIncrement(), now, text), ch.voidPromise());
        ChatMessage m = new ChatMessage(address.localId(), address.name(), text, now, true);
        remember(m);
        bus.publish(MediaFrame.builder(MediaKind.TEXT).senderName(address.name()).captureMicros(now)
                .payload(text.getBytes(StandardCharsets.UTF_8)).build());
        listeners.chat(m);
    }

    private void remember(ChatMessage m) {
        synchronized (history) {
            if (history.size() >= HISTORY) history.removeFirst();
            history.addLast(m);
        }
    }

    private void setState(CallState s, String detail) {
        state = s;
        listeners.stateChanged(s, detail);
    }

    // ---- Call ----

    @Override public String name() { return address.name(); }
    @Override public String room() { return PeerSession.ROOM; }
    @Override public CallState state() { return state; }
    @Override public int localId() { return address.localId(); }
    @Override public MediaBus bus() { return bus; }
    @Override public long roundTripMicros() { return clock.roundTripMicros(); }
    @Override public void addListener(CallListener listener) { listeners.add(listener); }
    @Override public void removeListener(CallListener listener) { listeners.remove(listener); }

    @Override
    public List<Participant> roster() {
        Participant p = peer;
        Participant me = new Participant(address.localId(), address.name(), true);
        return p == null ? List.of(me) : address.listen() ? List.of(me, p) : List.of(p, me);
    }

    @Override
    public List<ChatMessage> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    @Override
    public void leave() {
        if (!left.compareAndSet(false, true)) return;
        over = true;
        outgoing.close();
        Channel ch = session;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(new Messages.Bye("leaving").toFrame()).addListener(f -> ch.close());
            ch.closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        endpoint.close();
        if (state != CallState.CLOSED) setState(CallState.CLOSED, "left");
    }

    @Override
    public String toString() {
        return "PeerCall[" + address + " as " + address.name() + "]";
    }
}
