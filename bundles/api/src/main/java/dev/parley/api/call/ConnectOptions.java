package dev.parley.api.call;

import java.util.Objects;

/**
 * Where and as whom to join.
 *
 * @param host     the relay's host name or address
 * @param port     the relay's TCP port
 * @param name     the participant name shown to others (1 to 64 bytes of UTF-8)
 * @param room     the room to join (1 to 64 bytes of UTF-8)
 * @param security how the connection is protected
 */
public record ConnectOptions(String host, int port, String name, String room, Security security) {
    public static final int DEFAULT_PORT = 7000;
    public static final String DEFAULT_ROOM = "lobby";

    public ConnectOptions {
        Objects.requireNonNull(security, "security");
    }

    /** Joins over TLS, trusting the relay's certificate on first use. */
    public ConnectOptions(String host, int port, String name, String room) {
        this(host, port, name, room, Security.TLS);
    }

    /**
     * How a connection is protected.
     *
     * @param tls        TLS 1.3 (true), or the lab's plain TCP that anyone on the network can read (false)
     * @param trust      the SHA-256 fingerprint of the relay certificate to accept ({@code --trust}), or empty to
     *                   trust the relay on first use and refuse a changed certificate afterwards
     * @param passphrase the room's passphrase, or empty for a room without one
     * @param endToEnd   encrypt every media payload with a key derived from the passphrase, so the relay forwards
     *                   what it cannot read
     */
    public record Security(boolean tls, String trust, String passphrase, boolean endToEnd) {
        public static final Security TLS = new Security(true, "", "", false);
        public static final Security PLAINTEXT = new Security(false, "", "", false);

        public Security {
            Objects.requireNonNull(trust, "trust");
            Objects.requireNonNull(passphrase, "passphrase");
            if (endToEnd && passphrase.isEmpty()) {
                throw new IllegalArgumentException("end-to-end encryption needs the room's passphrase");
            }
        }

        /** Never shows the passphrase. */
        @Override
        public String toString() {
            return (tls ? "TLS" : "plaintext") + (trust.isEmpty() ? "" : ", trusting " + trust)
                    + (passphrase.isEmpty() ? "" : ", with a passphrase") + (endToEnd ? ", end-to-end encrypted" : "");
        }
    }
}
