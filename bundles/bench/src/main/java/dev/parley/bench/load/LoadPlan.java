package dev.parley.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * What one load run does, passed from {@code parley bench} to the load process as {@code --key value} arguments.
 *
 * @param clients  participants in all, each sending video and receiving everyone else's
 * @param slow     how many of them read only {@code slowFps} video frames a second
 * @param stalled  how many of them stop reading after WELCOME (and keep sending)
 * @param tls      connect with TLS 1.3
 * @param trust    the relay certificate fingerprint to accept; empty: whatever the relay presents (a bench, not a call)
 */
public record LoadPlan(String host, int port, String room, int clients, int slow, int slowFps, int stalled, int fps,
                int frameBytes, boolean audio, int warmupSeconds, int seconds, boolean tls, String trust) {
    /** 20 ms of 16 kHz mono s16le. */
    static final int AUDIO_FRAME_BYTES = 640;
    static final int AUDIO_FRAME_MILLIS = 20;

    public LoadPlan {
        if (clients < 2) throw new IllegalArgumentException("a bench needs at least 2 participants");
        if (slow < 0 || stalled < 0 || slow + stalled >= clients) {
            throw new IllegalArgumentException("slow and stalled readers must leave at least one that keeps up");
        }
        if (fps < 1 || slowFps < 1 || frameBytes < BenchPayload.HEAD || seconds < 1 || warmupSeconds < 0) {
            throw new IllegalArgumentException("rates, sizes and durations must be positive (frames at least "
                    + BenchPayload.HEAD + " bytes)");
        }
    }

    Role role(int index) {
        if (index >= clients - slow) return Role.SLOW;
        if (index >= clients - slow - stalled) return Role.STALLED;
        return Role.FAST;
    }

    public List<String> toArgs() {
        List<String> a = new ArrayList<>();
        for (String[] kv : new String[][] {{"host", host}, {"port", "" + port}, {"room", room}, {"clients", "" + clients},
                {"slow", "" + slow}, {"slow-fps", "" + slowFps}, {"stalled", "" + stalled}, {"fps", "" + fps},
                {"size", "" + frameBytes}, {"audio", "" + audio}, {"warmup", "" + warmupSeconds}, {"seconds", "" + seconds},
                {"tls", "" + tls}, {"trust", trust.isEmpty() ? "-" : trust}}) {
            a.add("--" + kv[0]);
            a.add(kv[1]);
        }
        return a;
    }

    static LoadPlan parse(String[] args) {
        java.util.Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected --key value, got " + args[i]);
            m.put(args[i].substring(2), args[i + 1]);
        }
        return new LoadPlan(m.getOrDefault("host", "127.0.0.1"), Integer.parseInt(m.getOrDefault("port", "7000")),
                m.getOrDefault("room", "bench"), Integer.parseInt(m.getOrDefault("clients", "10")),
                Integer.parseInt(m.getOrDefault("slow", "0")), Integer.parseInt(m.getOrDefault("slow-fps", "10")),
                Integer.parseInt(m.getOrDefault("stalled", "0")), Integer.parseInt(m.getOrDefault("fps", "30")),
                Integer.parseInt(m.getOrDefault("size", "40000")), Boolean.parseBoolean(m.getOrDefault("audio", "false")),
                Integer.parseInt(m.getOrDefault("warmup", "3")), Integer.parseInt(m.getOrDefault("seconds", "10")),
                Boolean.parseBoolean(m.getOrDefault("tls", "false")), m.getOrDefault("trust", "-").equals("-") ? ""
                        : m.get("trust"));
    }
}
