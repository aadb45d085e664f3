package dev.parley.relay.internal;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may open a connection: at most {@code maxConnectionsPerAddress} at once from one address, and at most
 * {@code maxHandshaking} connections that have not completed their HELLO, from everyone together. Together with
 * the decoder's HELLO-sized limit before the handshake, this bounds what connections that never join can make the
 * relay hold: {@code maxHandshaking} × a few KB.
 */
final class ConnectionGate {
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger handshaking = new AtomicInteger();

    /** Admits a new connection, or says why not (and then counts nothing). */
    String admit(InetAddress address, RelaySettings s) {
        AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        if (count.incrementAndGet() > s.maxConnectionsPerAddress()) {
            release(address);
            return "too many connections from " + address.getHostAddress() + " (at most " + s.maxConnectionsPerAddress() + ")";
        }
        if (handshaking.incrementAndGet() > s.maxHandshaking()) {
            handshaking.decrementAndGet();
            release(address);
            return "too many connections are joining at once (at most " + s.maxHandshaking() + "); try again";
        }
        return null;
    }

    /** An admitted connection completed its handshake. */
    void joined() {
        handshaking.decrementAndGet();
    }

    /** An admitted connection closed; {@code joined} says whether {@link #joined()} was called for it. */
    void closed(InetAddress address, boolean joined) {
        if (!joined) handshaking.decrementAndGet();
        release(address);
    }

    private void release(InetAddress address) {
        perAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    /** Connections that have not completed their handshake (for tests and figures). */
    int handshaking() { return handshaking.get(); }
}
