package dev.parley.launcher;

import dev.parley.api.call.ConnectOptions;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command line asks Parley to be: its name, which picks the bundle set the build resolved for it
 * ({@code profiles/NAME.bndrun}), and the configurations to create (PID to properties) that switch its components on.
 */
final class Profile {
    static final String USAGE = """
            usage:
              parley server [--port 7000] [--host 0.0.0.0] [--protect ROOM=PASSPHRASE] [--plaintext [--text-port 9999]] [--web 8080]
              parley client --server HOST[:PORT] [--name NAME] [--room lobby] [--no-video] [--no-audio] [--stats SECONDS]
                            [--ui swing|console] [--trust FINGERPRINT | --plaintext] [--passphrase TEXT [--e2ee]]
                            [--video-file PICTURES|FILE.mjpeg] [--audio-file FILE.wav] [--record FILE.wav]
              parley demo [--port 7000] [--names alice,bob,carol] [--fps 15] [--ui console|swing] [--plaintext] [--web 8080]
              parley bench [--clients 10] [--slow 1] [--slow-fps 10] [--stalled 0] [--fps 30] [--size 40000] [--audio] [--plaintext]
                           [--warmup 3] [--seconds 10] [--sweep FROM:TO:STEP] [--chart FILE.png] [--json]
                           [--server HOST:PORT [--relay-pid PID]] [--window 4]
              parley stage N --server HOST[:PORT] [--name NAME] [--room lobby]     relay stages (2, 4, 5); all stages
                                                                                   take --plaintext and --trust
              parley stage N --serve [--port 7000]                                 the relay of a relay stage
              parley stage N --listen [PORT] | --connect HOST[:PORT] [--name NAME] peer-to-peer stages (1, 3)
              parley devices [--wait SECONDS]                                      cameras, audio sources and outputs found
              parley help
            Connections use TLS 1.3: a relay makes its certificate on first start and prints its fingerprint; a client
            trusts it on first use and refuses a changed one. --plaintext (on both sides) sends everything in the clear.
            --web PORT serves the web page at https://HOST:PORT/ (http:// with --plaintext): a browser joins the call.
            A client shows the Swing window when there is a display, else the console; the demo the console.
            In a client, type chat lines (or pipe them in, with /COMMAND for a shell command: /stage 5, /who);
            in the shell: say TEXT, who, stats, codecs, devices [video|audio N|ID|best], ui [swing|console], stage [N], quit.""";
    /** The views {@code --ui} can choose; each is a component gated by the configuration parley.ui.NAME. */
    static final List<String> VIEWS = List.of("console", "swing");

    final String name;
    final Map<String, Hashtable<String, Object>> configurations = new LinkedHashMap<>();
    final boolean waitsForRelay;
    /** One-line notes for the user, printed before Parley starts (a choice that could not be honoured). */
    final List<String> notes = new ArrayList<>();
    /** Plugins the options need (the web page for --web), brought in from extras/ if not in plugins/ yet. */
    final List<String> plugins = new ArrayList<>();
    /** The stage started, whose plugin the launcher brings in from extras/ if needed; null for other profiles. */
    StageFiles.Entry stage;

    private Profile(String name, boolean waitsForRelay) {
        this.name = name;
        this.waitsForRelay = waitsForRelay;
    }

    /**
     * @param interactive standard input is a terminal
     * @param display     null when a window can be opened, else why not ("DISPLAY is not set")
     * @param home        the distribution folder, whose config/stages/ the stage profile reads
     */
    static Profile of(Options o, boolean interactive, String display, java.nio.file.Path home) {
        return switch (o.profile) {
            case "server" -> server(o);
            case "client" -> client(o, interactive, display);
            case "demo" -> demo(o, interactive, display);
            case "bench" -> bench(o);
            case "stage" -> stage(o, interactive, display, home);
            case "devices" -> devices(o);
            default -> throw new Options.UsageException(o.profile.equals("help") ? "" : "unknown command '" + o.profile + "'");
        };
    }

    private static Profile server(Options o) {
        check(o, "port", "host", "text-port", "plaintext", "protect", "web");
        Profile p = new Profile("server", true);
        // Only what the command line says: the rest comes from config/parley.relay.cfg, else the relay's defaults.
        Hashtable<String, Object> relay = p.config("parley.relay");
        if (o.has("port")) relay.put("port", port(o, "port", ConnectOptions.DEFAULT_PORT));
        if (o.has("host")) relay.put("host", o.get("host", "0.0.0.0"));
        p.plaintext(o, relay);
        p.web(o, relay);
        if (o.has("protect")) {
            String spec = o.get("protect", "");
            if (spec.indexOf('=') <= 0 || spec.endsWith("=")) {
                throw new Options.UsageException("--protect takes ROOM=PASSPHRASE (more rooms: roomPassphrases in config/parley.relay.cfg)");
            }
            relay.put("roomPassphrases", spec);
        }
        if (o.has("text-port") && !o.flag("plaintext")) {
            throw new Options.UsageException("--text-port sends chat in the clear, to anyone who connects with nc: "
                    + "it needs --plaintext");
        }
        if (o.has("text-port")) {
            p.config("parley.relay.text").put("port", o.get("text-port", "true").equals("true") ? 9999 : port(o, "text-port", 9999));
            p.config("parley.relay.text").put("host", o.get("host", "0.0.0.0"));
        }
        return p;
    }

    private static Profile client(Options o, boolean interactive, String display) {
        check(o, "server", "port", "name", "room", "no-video", "no-audio", "fps", "stats", "ui", "plaintext", "trust",
                "passphrase", "e2ee", "video-file", "audio-file", "record");
        String server = o.get("server", null);
        if (server == null) throw new Options.UsageException("a client needs --server HOST[:PORT]");
        HostPort relay = HostPort.parse(server, o.integer("port", ConnectOptions.DEFAULT_PORT));
        server = relay.host();
        int port = relay.port();
        Profile p = new Profile("client", false);
        // The media first, so the call's media start as asked; its other keys come from config/parley.media.cfg.
        Hashtable<String, Object> media = p.config("parley.media");
        if (o.flag("no-video")) media.put("video", false);
        if (o.flag("no-audio")) media.put("audio", false);
        if (o.has("fps")) media.put("fps", o.integer("fps", 15));
        p.files(o);
        Hashtable<String, Object> c = p.config("parley.client");
        // What the command line says; everything else comes from config/parley.client.cfg, else the defaults (an
        // empty name is the user's login name).
        c.put("server", server);
        c.put("port", port);
        if (o.has("name")) c.put("name", o.get("name", ""));
        if (o.has("room")) c.put("room", o.get("room", ConnectOptions.DEFAULT_ROOM));
        p.plaintext(o, c);
        p.trust(o, c);
        passphrase(o, c);
        if (!interactive) p.config("parley.console.stdin").put("quitAtEnd", false);
        if (o.has("stats")) p.config("parley.console.stats").put("intervalMillis", (int) (seconds(o, "stats") * 1000));
        p.view(o, display == null ? "swing" : "console", display);
        return p;
    }

    /**
     * {@code --passphrase TEXT} (or the environment variable PARLEY_PASSPHRASE, which other users of the machine
     * cannot see in the process list) for a room that needs one; {@code --e2ee} to encrypt media end to end with it.
     */
    private static void passphrase(Options o, Hashtable<String, Object> config) {
        String passphrase = o.has("passphrase") ? o.get("passphrase", "") : System.getenv().getOrDefault("PARLEY_PASSPHRASE", "");
        if (passphrase.equals("true")) throw new Options.UsageException("--passphrase takes the room's passphrase");
        if (!passphrase.isEmpty()) config.put("passphrase", passphrase);
        if (o.flag("e2ee")) {
            if (passphrase.isEmpty()) {
                throw new Options.UsageException("--e2ee derives the media key from the room's passphrase: give --passphrase "
                        + "(or PARLEY_PASSPHRASE) too");
            }
            config.put("e2ee", true);
        }
    }

    /** {@code --plaintext}: no TLS for this side's connections, said loudly. */
    private void plaintext(Options o, Hashtable<String, Object> config) {
        if (!o.flag("plaintext")) return;
        config.put("tls", false);
        notes.add("parley: --plaintext: chat, video and audio cross the network unencrypted, and anyone on it can read "
                + "them; leave it out for TLS");
    }

    /** The web page: a plugin in extras/, so that deleting it from plugins/ takes the page away from a running relay. */
    static final String WEB_PLUGIN = "parley-ui-web.jar";

    /** {@code --web PORT}: the relay's browser endpoint (the page and the call over a WebSocket), TLS as the relay. */
    private void web(Options o, Hashtable<String, Object> relay) {
        if (!o.has("web")) return;
        int port = o.get("web", "true").equals("true") ? 8080 : port(o, "web", 8080);
        if (port == 0) throw new Options.UsageException("--web takes the port the page is served on, 1 to 65535");
        relay.put("webPort", port);
        plugins.add(WEB_PLUGIN);
        if (o.flag("plaintext")) {
            notes.add("parley: --web with --plaintext: the page at http://HOST:" + port + "/ and the browsers' calls travel "
                    + "unencrypted, and browsers offer camera and microphone only to https:// and localhost pages");
        } else {
            notes.add("parley: --web: browsers open https://HOST:" + port + "/; the relay's certificate is self-signed, so "
                    + "each browser warns once (compare the fingerprint the relay prints)");
        }
    }

    /** {@code --trust FINGERPRINT}: the relay certificate to accept instead of trusting on first use. */
    private void trust(Options o, Hashtable<String, Object> config) {
        if (!o.has("trust")) return;
        if (o.flag("plaintext")) throw new Options.UsageException("--trust is for TLS; it makes no sense with --plaintext");
        String f = o.get("trust", "");
        if (!f.replace(":", "").replaceFirst("(?i)^sha256", "").matches("[0-9a-fA-F]{64}")) {
            throw new Options.UsageException("--trust takes the relay's SHA-256 fingerprint, 64 hex digits (colons "
                    + "allowed), as the relay prints it at start");
        }
        config.put("trust", f);
    }

    private static Profile demo(Options o, boolean interactive, String display) {
        check(o, "port", "names", "fps", "room", "ui", "plaintext", "web");
        Profile p = new Profile("demo", true);
        if (o.has("port")) p.config("parley.relay").put("port", port(o, "port", ConnectOptions.DEFAULT_PORT));
        // The demo's participants are all in this process: its relay need not be reachable from elsewhere, unless
        // browsers on the LAN are to join it.
        p.config("parley.relay").put("host", o.has("web") ? "0.0.0.0" : "127.0.0.1");
        p.plaintext(o, p.config("parley.relay"));
        p.web(o, p.config("parley.relay"));
        Hashtable<String, Object> d = p.config("parley.demo");
        d.put("names", o.get("names", "alice,bob,carol").split(","));
        d.put("fps", o.integer("fps", 15));
        d.put("room", o.get("room", "demo"));
        // Piped input speaks as the first participant, and /COMMAND lines reach the shell (as in a client).
        if (!interactive) p.config("parley.console.stdin").put("quitAtEnd", false);
        p.view(o, "console", display);
        return p;
    }

    /** Chooses the view: the configuration parley.ui.NAME turns that view's component on. */
    private void view(Options o, String fallback, String display) {
        String ui = o.get("ui", fallback).strip().toLowerCase();
        if (!VIEWS.contains(ui)) throw new Options.UsageException("--ui takes " + String.join(" or ", VIEWS) + ", not '" + ui + "'");
        if (ui.equals("swing") && display != null) {
            if (o.has("ui")) notes.add("parley: the Swing UI needs a display (" + display + "); staying with the console");
            ui = "console";
        }
        config("parley.ui." + ui).put("parley.ui", ui);
    }

    /** {@code parley stage N ...}: the stage controller gets the stage and the session's settings. */
    private static Profile stage(Options o, boolean interactive, String display, java.nio.file.Path home) {
        check(o, "name", "room", "server", "port", "connect", "listen", "serve", "host", "fps", "stats", "ui", "plaintext",
                "trust", "video-file", "audio-file", "record");
        if (o.positional.size() != 1) {
            throw new Options.UsageException("which stage? parley stage N [options]; stages: "
                    + String.join(", ", StageFiles.read(home).stream().map(StageFiles.Entry::id).toList()));
        }
        StageFiles.Entry stage = StageFiles.find(home, o.positional.get(0));
        boolean serve = o.flag("serve");
        Profile p = new Profile("stage", serve);
        p.stage = stage;
        Hashtable<String, Object> c = p.config("parley.stages");
        c.put("stage", stage.id());
        c.put("name", o.get("name", System.getProperty("user.name", "guest")));
        c.put("room", o.get("room", ConnectOptions.DEFAULT_ROOM));
        if (o.has("fps")) c.put("fps", o.integer("fps", 15)); // else the stage file's, else 15
        p.files(o);
        if (o.has("host")) c.put("host", o.get("host", "0.0.0.0"));
        c.put("serve", serve);
        p.plaintext(o, c);
        p.trust(o, c);
        if (stage.peerToPeer()) {
            int peerPort = port(o, "port", 9999);
            String listen = o.get("listen", null);
            String connect = o.get("connect", null);
            if ((listen == null) == (connect == null)) {
                throw new Options.UsageException("stage " + stage.id() + " is peer-to-peer: give --listen [PORT] on one side "
                        + "and --connect HOST[:PORT] on the other");
            }
            if (listen != null) {
                c.put("listen", true);
                if (!listen.equals("true")) peerPort = parsePort(listen);
            } else {
                HostPort peer = HostPort.parse(connect, peerPort);
                peerPort = peer.port();
                c.put("connect", peer.host());
            }
            c.put("peerPort", peerPort);
        } else {
            int serverPort = port(o, "port", ConnectOptions.DEFAULT_PORT);
            String server = o.get("server", null);
            if (server == null && !serve && stage.relay()) {
                throw new Options.UsageException("stage " + stage.id() + " joins a relay: give --server HOST[:PORT] (or --serve to be the relay)");
            }
            if (server != null) {
                HostPort relay = HostPort.parse(server, serverPort);
                serverPort = relay.port();
                c.put("server", relay.host());
            }
            c.put("serverPort", serverPort);
        }
        if (!interactive && !serve) p.config("parley.console.stdin").put("quitAtEnd", false);
        if (o.has("stats")) p.config("parley.console.stats").put("intervalMillis", (int) (seconds(o, "stats") * 1000));
        // As a client: the window where there is a display. A relay needs no view of its own.
        p.view(o, display == null && !serve ? "swing" : "console", display);
        return p;
    }

    private static double seconds(Options o, String key) {
        try {
            double s = Double.parseDouble(o.get(key, "1"));
            if (s > 0) return s;
        } catch (NumberFormatException e) {
            // fall through to the usage error
        }
        throw new Options.UsageException("--" + key + " takes a number of seconds");
    }

    /**
     * {@code --video-file PATH} (a folder of JPEG or PNG pictures, or an MJPEG file), {@code --audio-file PATH} (a WAV
     * file): repeatable sources that take the place of the camera and the microphone, looping; {@code --record PATH}
     * (a WAV file): what this participant hears is written there instead of played.
     */
    private void files(Options o) {
        if (o.has("video-file")) config("parley.capture.video.file").put("path", existing(o, "video-file"));
        if (o.has("audio-file")) config("parley.capture.audio.file").put("path", existing(o, "audio-file"));
        if (o.has("record")) {
            java.nio.file.Path record = java.nio.file.Path.of(o.get("record", "")).toAbsolutePath();
            if (record.getParent() != null && !java.nio.file.Files.isDirectory(record.getParent())) {
                throw new Options.UsageException("--record " + record + ": the folder " + record.getParent() + " does not exist");
            }
            config("parley.sink.record").put("path", record.toString());
        }
    }

    private static String existing(Options o, String key) {
        java.nio.file.Path path = java.nio.file.Path.of(o.get(key, "")).toAbsolutePath();
        if (!java.nio.file.Files.exists(path)) throw new Options.UsageException("--" + key + " " + path + ": no such file or folder");
        return path.toString();
    }

    /** Lists the capture devices and audio outputs found (after discovery had {@code --wait} seconds) and stops. */
    private static Profile devices(Options o) {
        check(o, "wait");
        Profile p = new Profile("devices", false);
        p.config("parley.console.devices").put("waitMillis", (int) (o.has("wait") ? seconds(o, "wait") * 1000 : 3000));
        return p;
    }

    private static Profile bench(Options o) {
        check(o, "clients", "slow", "slow-fps", "stalled", "fps", "size", "audio", "seconds", "warmup", "window", "sweep",
                "chart", "json", "server", "relay-pid", "plaintext");
        Profile p = new Profile("bench", true);
        p.config("parley.relay").put("port", 0);
        p.config("parley.relay").put("host", "127.0.0.1");
        // Every synthetic participant comes from this machine's address, and joins at once.
        p.config("parley.relay").put("maxConnectionsPerAddress", 100_000);
        p.config("parley.relay").put("maxHandshaking", 100_000);
        p.plaintext(o, p.config("parley.relay"));
        if (o.has("window")) p.config("parley.relay").put("videoWindow", o.integer("window", 4));
        Hashtable<String, Object> b = p.config("parley.bench");
        b.put("clients", o.integer("clients", 10));
        b.put("slow", o.integer("slow", 1));
        b.put("slowFps", o.integer("slow-fps", 10));
        b.put("stalled", o.integer("stalled", 0));
        b.put("fps", o.integer("fps", 30));
        b.put("frameBytes", o.integer("size", 40_000));
        b.put("audio", o.flag("audio"));
        b.put("seconds", o.integer("seconds", 10));
        b.put("warmupSeconds", o.integer("warmup", 3));
        if (o.has("sweep")) b.put("sweep", o.get("sweep", ""));
        if (o.has("chart")) b.put("chart", o.get("chart", "parley-bench.png"));
        b.put("json", o.flag("json"));
        b.put("tls", !o.flag("plaintext"));
        String server = o.get("server", null);
        if (server != null) {
            HostPort relay = HostPort.parse(server, ConnectOptions.DEFAULT_PORT);
            int port = relay.port();
            b.put("server", relay.host());
            b.put("serverPort", port);
            if (o.has("relay-pid")) b.put("relayPid", (long) o.integer("relay-pid", 0));
        }
        return p;
    }

    private Hashtable<String, Object> config(String pid) {
        return configurations.computeIfAbsent(pid, k -> new Hashtable<>());
    }

    private static int port(Options o, String key, int fallback) {
        int port = o.integer(key, fallback);
        if (port < 0 || port > 65535) throw new Options.UsageException("--" + key + " must be 0 to 65535");
        return port;
    }

    /**
     * {@code HOST} or {@code HOST:PORT} as users type them (an IPv6 address, with several colons, is a host
     * alone); the port is {@code fallback} when none is given.
     */
    record HostPort(String host, int port) {
        static HostPort parse(String s, int fallback) {
            int colon = s.lastIndexOf(':');
            if (colon > 0 && s.indexOf(':') == colon) return new HostPort(s.substring(0, colon), parsePort(s.substring(colon + 1)));
            return new HostPort(s, fallback);
        }
    }

    private static int parsePort(String s) {
        try {
            int port = Integer.parseInt(s);
            if (port > 0 && port <= 65535) return port;
        } catch (NumberFormatException e) {
            // fall through to the usage error
        }
        throw new Options.UsageException("'" + s + "' is not a port number");
    }

    private static void check(Options o, String... known) {
        List<String> unknown = o.unknown(new ArrayList<>(List.of(known)));
        if (!unknown.isEmpty()) throw new Options.UsageException("unknown option " + String.join(", ", unknown));
    }
}
