package dev.parley.stage.p2p.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.call.CallState;
import dev.parley.api.call.Participant;
import dev.parley.call.CallCore;
import dev.parley.call.MediaProtection;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Messages;
import io.netty.channel.Channel;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call with one peer and no relay: the {@link CallCore} over one {@link PeerSession} at a time. The peer's frames
 * come onto the bus with its participant number (1 for the listening side, 2 for the connecting one); what this
 * side sends carries its own number and its own clock.
 */
final class PeerCall extends CallCore {
    private static final Logger LOG = LoggerFactory.getLogger(PeerCall.class);
    /** The first video window between peers, as a relay's default (docs/PROTOCOL.md, section 6). */
    static final int VIDEO_WINDOW = 4;

    private final PeerAddress address;
    private final PeerEndpoint endpoint;
    private volatile Channel candidate;
    private volatile Participant peer;
    private volatile boolean over;

    PeerCall(PeerAddress address, MediaBus bus) {
        super(bus, "p2p-" + address.name(), WireClock.SENDER, MediaProtection.NONE);
        this.address = address;
        this.endpoint = new PeerEndpoint(this, address);
    }

    PeerCall start() {
        try {
            endpoint.start();
        } catch (RuntimeException e) {
            leave();
            throw e;
        }
        setState(CallState.CONNECTING, address.listen() ? "waiting for a peer on port " + address.port()
                : "calling the peer at " + address.host() + ":" + address.port());
        return this;
    }

    // ---- from the session, on its event loop ----

    /** Whether this connection may become the session: one peer at a time. */
    synchronized boolean accept(Channel ch) {
        Channel current = candidate;
        if (isOver() || current != null && current.isActive()) return false;
        candidate = ch;
        return true;
    }

    void started(Channel ch, String peerName) {
        Participant p = new Participant(address.peerId(), peerName, false);
        peer = p;
        LOG.info("{} is in a call with {} at {}", address.name(), peerName, ch.remoteAddress());
        joined(p);
        // Ready to send before anyone hears it is connected: a line said on "connected" goes out at once.
        sessionStarted(ch, VIDEO_WINDOW);
        setState(CallState.CONNECTED, "talking to " + peerName + " at " + ch.remoteAddress());
    }

    /** A frame of the running session: media, clock and flow control go to the core. */
    void received(Channel ch, Frame frame) {
        if (!handle(ch, frame)) LOG.debug("Ignoring {} from the peer", frame.type());
    }

    void ended(Channel ch, String reason) {
        synchronized (this) {
            if (candidate == ch) candidate = null;
        }
        if (!sessionEnded(ch)) return;
        Participant p = peer;
        peer = null;
        if (p != null) left(p.id(), p.name(), reason);
        if (!isOver()) {
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
        if (state() != CallState.CONNECTING) setState(CallState.CONNECTING, detail);
    }

    /** Refused for good, or left: no more sessions. */
    boolean isOver() { return over || hasLeft(); }

    /** The peer, whatever its frames carry in the sender field (a client written from PROTOCOL.md may write 0). */
    @Override
    protected int senderOf(Frame frame) {
        return address.peerId();
    }

    @Override
    protected int senderField() {
        return address.localId();
    }

    @Override
    protected void closeTransport() {
        over = true;
        endpoint.close();
    }

    // ---- Call ----

    @Override public String name() { return address.name(); }
    @Override public String room() { return PeerSession.ROOM; }
    @Override public int localId() { return address.localId(); }

    /** This side and, while a session runs, the peer, in participant order. */
    @Override
    public List<Participant> roster() {
        Participant p = peer;
        Participant me = new Participant(address.localId(), address.name(), true);
        return p == null ? List.of(me) : address.listen() ? List.of(me, p) : List.of(p, me);
    }

    @Override
    public String toString() {
        return "PeerCall[" + address + " as " + address.name() + "]";
    }
}
