package dev.parley.stage.p2p.internal;

/**
 * Where the peer-to-peer call meets its peer, and as whom.
 *
 * @param listen whether this side waits for the peer
 * @param host   listening: the address to bind; connecting: the peer's host
 * @param port   the TCP port
 * @param name   this participant's name
 * @param tls    TLS 1.3 between the peers (false: the lab's plain TCP)
 * @param trust  the listening peer's certificate fingerprint to accept, or empty to trust it on first use
 */
record PeerAddress(boolean listen, String host, int port, String name, boolean tls, String trust) {
    /** Participant number of the listening side; the connecting side is {@link #CONNECTOR}. */
    static final int LISTENER = 1;
    static final int CONNECTOR = 2;

    static PeerAddress of(PeerConfig c) {
        String name = c.name().isBlank() ? System.getProperty("user.name", "guest") : c.name().strip();
        return new PeerAddress(c.listen(), c.host(), c.port(), name, c.tls(), c.trust().strip());
    }

    int localId() { return listen ? LISTENER : CONNECTOR; }

    int peerId() { return listen ? CONNECTOR : LISTENER; }

    @Override
    public String toString() {
        return listen ? "listening on " + host + ":" + port : "connecting to " + host + ":" + port;
    }
}
