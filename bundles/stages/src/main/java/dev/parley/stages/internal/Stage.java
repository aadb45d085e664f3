package dev.parley.stages.internal;

import dev.parley.api.MediaKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A stage as read from its configuration, checked.
 *
 * @param id            what {@code stage N} calls it
 * @param title         one line for people
 * @param transport     how it talks to others
 * @param media         what it sends; always includes text
 * @param plainTextPort for a served relay stage, the plain-text port to open (0: none)
 * @param requires      symbolic name of a needed bundle, or empty
 * @param plugin        the jar that brings it, for the message when it is missing
 * @param components    configuration PIDs created while the stage runs
 * @param choice        preferred sources and codecs by name; empty strings for the best present
 */
record Stage(String id, String title, Transport transport, Set<MediaKind> media, int plainTextPort, String requires,
             String plugin, List<String> components, Choice choice) {

    /**
     * Sources, codecs and formats a stage prefers, as the client and peer configurations name them; 0 for a format
     * leaves the client's default.
     */
    record Choice(String videoSource, String audioSource, String videoCodec, String audioCodec, int videoWidth,
                  int videoHeight, int fps, int sampleRate) {
        static final Choice BEST = new Choice("", "", "", "", 0, 0, 0, 0);
    }

    /** How a stage reaches the others. */
    enum Transport {
        /** Through a Parley relay: the client's {@code parley.client} configuration. */
        RELAY("parley.client"),
        /** Directly to one peer: {@code parley.p2p}, from the stage-p2p plugin. */
        P2P("parley.p2p"),
        /** Nothing built in: the stage's components do it all. */
        NONE("");

        final String pid;

        Transport(String pid) { this.pid = pid; }

        String label() { return name().toLowerCase(Locale.ROOT); }
    }

    Stage {
        media = Collections.unmodifiableSet(EnumSet.copyOf(media));
        components = List.copyOf(components);
    }

    static Stage of(StageConfig c) {
        String id = c.id() == null ? "" : c.id().strip();
        if (id.isEmpty() || id.contains(" ")) throw new IllegalArgumentException("a stage needs an id without spaces, got '" + c.id() + "'");
        Transport transport;
        try {
            transport = Transport.valueOf(c.transport().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stage " + id + ": transport must be relay, p2p or none, not '" + c.transport() + "'");
        }
        Set<MediaKind> media = EnumSet.of(MediaKind.TEXT);
        for (String m : list(c.media())) {
            try {
                media.add(MediaKind.valueOf(m.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("stage " + id + ": media are text, video and audio, not '" + m + "'");
            }
        }
        return new Stage(id, c.title().strip(), transport, media, c.plainTextPort(), c.requires().strip(),
                c.plugin().strip(), list(c.components()),
                new Choice(c.videoSource().strip(), c.audioSource().strip(), c.videoCodec().strip(), c.audioCodec().strip(),
                        nonNegative(id, "videoWidth", c.videoWidth()), nonNegative(id, "videoHeight", c.videoHeight()),
                        nonNegative(id, "fps", c.fps()), sampleRate(id, c.sampleRate())));
    }

    private static int nonNegative(String id, String key, int v) {
        if (v < 0) throw new IllegalArgumentException("stage " + id + ": " + key + " cannot be negative");
        return v;
    }

    private static int sampleRate(String id, int v) {
        if (v != 0 && v != 16000 && v != 48000) {
            throw new IllegalArgumentException("stage " + id + ": sampleRate is 16000 or 48000, not " + v);
        }
        return v;
    }

    private static List<String> list(String commaSeparated) {
        List<String> out = new ArrayList<>();
        if (commaSeparated == null) return out;
        for (String s : commaSeparated.split(",")) if (!s.isBlank()) out.add(s.strip());
        return out;
    }

    boolean sends(MediaKind kind) { return media.contains(kind); }

    /** What it sends, as {@code video, audio, text}. */
    String mediaLabel() {
        List<String> out = new ArrayList<>();
        for (MediaKind k : media) out.add(k.name().toLowerCase(Locale.ROOT));
        return String.join(", ", out);
    }

    /** Stages sort by number where their ids are numbers, else by name. */
    static int compare(Stage a, Stage b) {
        boolean an = a.id.matches("\\d{1,9}");
        boolean bn = b.id.matches("\\d{1,9}");
        if (an && bn) return Integer.compare(Integer.parseInt(a.id), Integer.parseInt(b.id));
        if (an != bn) return an ? -1 : 1;
        return a.id.compareTo(b.id);
    }
}
