package dev.parley.stages.internal;

import dev.parley.api.MediaKind;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configurations a stage needs for a session: configuration PID to properties. Switching stages is applying
 * the difference between two plans, so whatever both plans share with the same properties is left running.
 *
 * @param stage          the stage
 * @param configurations PID to properties, in the order they are created
 * @param summary        one line for people: what runs now
 */
record StagePlan(Stage stage, Map<String, Hashtable<String, Object>> configurations, String summary) {
    static final String RELAY_PID = "parley.relay";
    static final String PLAIN_TEXT_PID = "parley.relay.text";
    /** The local participant's media, whichever transport carries the call. */
    static final String MEDIA_PID = "parley.media";

    static StagePlan of(Stage stage, SessionOptions o) {
        Map<String, Hashtable<String, Object>> out = new LinkedHashMap<>();
        String summary;
        if (o.serve()) {
            if (stage.transport() != Stage.Transport.RELAY) {
                throw new StageException("stage " + stage.id() + " is " + stage.transport().label()
                        + ": there is no relay to serve; use --listen or --connect HOST");
            }
            Hashtable<String, Object> relay = props(out, RELAY_PID);
            relay.put("host", o.host());
            relay.put("port", o.serverPort());
            relay.put("tls", o.tls());
            summary = "relay on port " + o.serverPort() + (o.tls() ? " (TLS)" : " (plaintext)");
            if (stage.plainTextPort() > 0 && o.tls()) {
                summary += "; its plain-text chat port stays closed: it would send chat in the clear (--plaintext opens it)";
            } else if (stage.plainTextPort() > 0) {
                Hashtable<String, Object> text = props(out, PLAIN_TEXT_PID);
                text.put("host", o.host());
                text.put("port", stage.plainTextPort());
                text.put("room", o.room());
                summary += ", plain-text chat on port " + stage.plainTextPort() + " (room " + o.room() + ")";
            }
            return new StagePlan(stage, out, summary);
        }
        switch (stage.transport()) {
            case RELAY -> {
                if (o.server().isBlank()) {
                    throw new StageException("stage " + stage.id() + " joins a relay: give --server HOST[:PORT] "
                            + "(or --serve to be the relay)");
                }
                media(props(out, MEDIA_PID), stage, o); // first: the call starts with the stage's media
                Hashtable<String, Object> c = props(out, Stage.Transport.RELAY.pid);
                c.put("server", o.server());
                c.put("port", o.serverPort());
                c.put("name", o.name());
                c.put("room", o.room());
                security(c, o);
                                summary = o.name() + " in room " + o.room() + " on the relay " + o.server() + ":" + o.serverPort();
            }
            case P2P -> {
                if (!o.listen() && o.connect().isBlank()) {
                    throw new StageException("stage " + stage.id() + " is peer-to-peer: give --listen [PORT] on one "
                            + "side and --connect HOST[:PORT] on the other");
                }
                media(props(out, MEDIA_PID), stage, o); // first: the call starts with the stage's media
                Hashtable<String, Object> c = props(out, Stage.Transport.P2P.pid);
                c.put("listen", o.listen());
                c.put("host", o.listen() ? o.host() : o.connect());
                c.put("port", o.peerPort());
                c.put("name", o.name());
                security(c, o);
                                summary = o.name() + (o.listen() ? " waiting for a peer on port " + o.peerPort()
                        : " talking to the peer at " + o.connect() + ":" + o.peerPort());
            }
            default -> summary = o.name();
        }
        for (String pid : stage.components()) {
            Hashtable<String, Object> c = props(out, pid);
            c.put("name", o.name());
            c.put("room", o.room());
            c.put("server", o.server());
            c.put("port", o.serverPort());
            c.put("stage", stage.id());
            security(c, o);
        }
        return new StagePlan(stage, out, summary + ", sending " + stage.mediaLabel());
    }

    private static void security(Hashtable<String, Object> c, SessionOptions o) {
        c.put("tls", o.tls());
        c.put("trust", o.trust());
    }

    private static void media(Hashtable<String, Object> c, Stage stage, SessionOptions o) {
        c.put("video", stage.sends(MediaKind.VIDEO));
        c.put("audio", stage.sends(MediaKind.AUDIO));
        Stage.Choice choice0 = stage.choice();
        c.put("fps", o.fps() > 0 ? o.fps() : choice0.fps() > 0 ? choice0.fps() : 15);
        if (choice0.videoWidth() > 0) c.put("videoWidth", choice0.videoWidth());
        if (choice0.videoHeight() > 0) c.put("videoHeight", choice0.videoHeight());
        if (choice0.sampleRate() > 0) c.put("sampleRate", choice0.sampleRate());
        Stage.Choice choice = stage.choice();
        c.put("videoSource", choice.videoSource());
        c.put("audioSource", choice.audioSource());
        c.put("videoCodec", choice.videoCodec());
        c.put("audioCodec", choice.audioCodec());
    }

    private static Hashtable<String, Object> props(Map<String, Hashtable<String, Object>> out, String pid) {
        return out.computeIfAbsent(pid, k -> new Hashtable<>());
    }
}
