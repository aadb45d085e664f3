package dev.parley.stages.internal;

import dev.parley.api.call.ConnectOptions;
import java.util.List;
import java.util.Map;

/**
 * Who this process is and whom it talks to, kept across stage switches: the identity (name, room) stays, and
 * options given to a later {@code stage N ...} are laid over the earlier ones.
 *
 * @param name       participant name
 * @param room       room on the relay
 * @param server     relay host ({@code --server HOST[:PORT]}), or empty
 * @param serverPort relay port (the one to join, or with {@code --serve} the one to listen on)
 * @param connect    peer host for peer-to-peer stages ({@code --connect HOST[:PORT]}), or empty
 * @param peerPort   peer port: the one to connect to, or with {@code --listen} the one to listen on
 * @param listen     wait for a peer instead of connecting to one
 * @param serve      be the relay of a relay stage instead of a participant
 * @param host       address to listen on with {@code --listen} or {@code --serve}
 * @param fps        video frames per second given on the command line, or 0 for the stage's own (else 15)
 * @param tls        TLS for relay and peer connections ({@code --plaintext} turns it off)
 * @param trust      a certificate fingerprint to accept ({@code --trust}), or empty to trust on first use
 */
record SessionOptions(String name, String room, String server, int serverPort, String connect, int peerPort,
                      boolean listen, boolean serve, String host, int fps, boolean tls, String trust) {
    static final int RELAY_PORT = ConnectOptions.DEFAULT_PORT;
    /** The lab's peer-to-peer port. */
    static final int PEER_PORT = 9999;
    static final List<String> KNOWN = List.of("name", "room", "server", "port", "connect", "listen", "serve", "host", "fps",
            "plaintext", "trust");

    static SessionOptions defaults() {
        return new SessionOptions(System.getProperty("user.name", "guest"), ConnectOptions.DEFAULT_ROOM, "", RELAY_PORT, "", PEER_PORT,
                false, false, "0.0.0.0", 0, true, "");
    }

    /** The launcher's {@code parley.stages} configuration, in the keys of {@link StagesConfig}. */
    static SessionOptions of(StagesConfig c) {
        SessionOptions d = defaults();
        return new SessionOptions(c.name().isBlank() ? d.name : c.name().strip(), c.room(), c.server(),
                c.serverPort(), c.connect(), c.peerPort(), c.listen(), c.serve(), c.host(), c.fps(), c.tls(), c.trust());
    }

    /**
     * Lays {@code --key value} options over these. {@code --port} means the port of whatever the stage does: the
     * relay's for a relay stage, the peer's for a peer-to-peer one. Choosing {@code --listen}, {@code --connect},
     * {@code --server} or {@code --serve} drops the others that contradict it.
     */
    SessionOptions with(Map<String, String> o, Stage.Transport transport) {
        String name = this.name, room = this.room, server = this.server, connect = this.connect, host = this.host;
        int serverPort = this.serverPort, peerPort = this.peerPort, fps = this.fps;
        boolean listen = this.listen, serve = this.serve, tls = this.tls;
        String trust = this.trust;
        for (Map.Entry<String, String> e : o.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "name" -> name = v;
                case "room" -> room = v;
                case "host" -> host = v;
                case "fps" -> fps = number("fps", v);
                case "server" -> {
                    HostPort hp = HostPort.parse("server", v, serverPort);
                    server = hp.host();
                    serverPort = hp.port();
                    serve = false;
                }
                case "connect" -> {
                    HostPort hp = HostPort.parse("connect", v, peerPort);
                    connect = hp.host();
                    peerPort = hp.port();
                    listen = false;
                }
                case "listen" -> {
                    listen = !v.equals("false");
                    if (listen && !v.equals("true")) peerPort = port("listen", v);
                    if (listen) connect = "";
                }
                case "serve" -> serve = !v.equals("false");
                case "plaintext" -> tls = v.equals("false");
                case "trust" -> trust = v;
                case "port" -> {
                    if (transport == Stage.Transport.P2P) peerPort = port("port", v);
                    else serverPort = port("port", v);
                }
                default -> throw new StageException("unknown option --" + e.getKey() + " (known: --"
                        + String.join(", --", KNOWN) + ")");
            }
        }
        return new SessionOptions(name, room, server, serverPort, connect, peerPort, listen, serve, host, fps, tls, trust);
    }

    private static int number(String key, String v) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new StageException("--" + key + " takes a number, not '" + v + "'");
        }
    }

    static int port(String key, String v) {
        int p = number(key, v);
        if (p < 0 || p > 65535) throw new StageException("--" + key + " must be a port, 0 to 65535");
        return p;
    }

    /** {@code HOST} or {@code HOST:PORT}. */
    record HostPort(String host, int port) {
        static HostPort parse(String key, String v, int fallback) {
            if (v.isBlank() || v.equals("true")) throw new StageException("--" + key + " needs HOST[:PORT]");
            int colon = v.lastIndexOf(':');
            if (colon > 0 && v.indexOf(':') == colon) return new HostPort(v.substring(0, colon), SessionOptions.port(key, v.substring(colon + 1)));
            return new HostPort(v, fallback);
        }
    }
}
