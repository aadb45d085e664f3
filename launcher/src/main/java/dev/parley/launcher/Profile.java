package dev.parley.launcher;

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
              parley server [--port 7000] [--host 0.0.0.0]
              parley client --server HOST[:PORT] [--name NAME] [--room lobby] [--no-video] [--no-audio] [--stats SECONDS]
              parley demo [--port 7000] [--names alice,bob,carol] [--fps 15]
              parley bench [--clients 10] [--slow 1] [--slow-fps 10] [--fps 30] [--size 40000] [--seconds 10] [--window 4]
              parley help
            In a client, type chat lines (or pipe them in); in the shell: say TEXT, who, stats, quit.""";

    final String name;
    final Map<String, Hashtable<String, Object>> configurations = new LinkedHashMap<>();
    final boolean waitsForRelay;

    private Profile(String name, boolean waitsForRelay) {
        this.name = name;
        this.waitsForRelay = waitsForRelay;
    }

    static Profile of(Options o, boolean interactive) {
        return switch (o.profile) {
            case "server" -> server(o);
            case "client" -> client(o, interactive);
            case "demo" -> demo(o);
            case "bench" -> bench(o);
            default -> throw new Options.UsageException(o.profile.equals("help") ? "" : "unknown command '" + o.profile + "'");
        };
    }

    private static Profile server(Options o) {
        check(o, "port", "host");
        Profile p = new Profile("server", true);
        p.config("parley.relay").put("port", port(o, "port", 7000));
        p.config("parley.relay").put("host", o.get("host", "0.0.0.0"));
        return p;
    }

    private static Profile client(Options o, boolean interactive) {
        check(o, "server", "port", "name", "room", "no-video", "no-audio", "fps", "stats");
        String server = o.get("server", null);
        if (server == null) throw new Options.UsageException("a client needs --server HOST[:PORT]");
        int port = o.integer("port", 7000);
        int colon = server.lastIndexOf(':');
        if (colon > 0 && server.indexOf(':') == colon) {
            port = parsePort(server.substring(colon + 1));
            server = server.substring(0, colon);
        }
        Profile p = new Profile("client", false);
        Hashtable<String, Object> c = p.config("parley.client");
        c.put("server", server);
        c.put("port", port);
        c.put("name", o.get("name", System.getProperty("user.name", "guest")));
        c.put("room", o.get("room", "lobby"));
        c.put("video", !o.flag("no-video"));
        c.put("audio", !o.flag("no-audio"));
        c.put("fps", o.integer("fps", 15));
        if (!interactive) p.config("parley.console.stdin").put("quitAtEnd", false);
        if (o.has("stats")) p.config("parley.console.stats").put("intervalMillis", (int) (seconds(o, "stats") * 1000));
        return p;
    }

    private static Profile demo(Options o) {
        check(o, "port", "names", "fps", "room");
        Profile p = new Profile("demo", true);
        p.config("parley.relay").put("port", port(o, "port", 7000));
        p.config("parley.relay").put("host", "127.0.0.1");
        Hashtable<String, Object> d = p.config("parley.demo");
        d.put("names", o.get("names", "alice,bob,carol").split(","));
        d.put("fps", o.integer("fps", 15));
        d.put("room", o.get("room", "demo"));
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

    private static Profile bench(Options o) {
        check(o, "clients", "slow", "slow-fps", "fps", "size", "seconds", "warmup", "window");
        Profile p = new Profile("bench", true);
        p.config("parley.relay").put("port", 0);
        p.config("parley.relay").put("host", "127.0.0.1");
        if (o.has("window")) p.config("parley.relay").put("videoWindow", o.integer("window", 4));
        Hashtable<String, Object> b = p.config("parley.bench");
        b.put("clients", o.integer("clients", 10));
        b.put("slow", o.integer("slow", 1));
        b.put("slowFps", o.integer("slow-fps", 10));
        b.put("fps", o.integer("fps", 30));
        b.put("frameBytes", o.integer("size", 40_000));
        b.put("seconds", o.integer("seconds", 10));
        b.put("warmupSeconds", o.integer("warmup", 3));
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
