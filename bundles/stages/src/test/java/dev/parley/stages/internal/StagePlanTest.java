package dev.parley.stages.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.MediaKind;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StagePlanTest {
    private static final Stage TWO = stage("2", Stage.Transport.RELAY, EnumSet.of(MediaKind.TEXT), 9999, List.of());
    private static final Stage FOUR = stage("4", Stage.Transport.RELAY, EnumSet.of(MediaKind.VIDEO), 0, List.of());
    private static final Stage FIVE = stage("5", Stage.Transport.RELAY, EnumSet.of(MediaKind.VIDEO, MediaKind.AUDIO), 0, List.of());
    private static final Stage ONE = stage("1", Stage.Transport.P2P, EnumSet.of(MediaKind.TEXT), 0, List.of());

    private static Stage stage(String id, Stage.Transport t, EnumSet<MediaKind> media, int textPort, List<String> components) {
        EnumSet<MediaKind> all = EnumSet.copyOf(media);
        all.add(MediaKind.TEXT);
        return new Stage(id, "stage " + id, t, all, textPort, "", "", components, Stage.Choice.BEST);
    }

    private static SessionOptions alice() {
        return SessionOptions.defaults().with(Map.of("name", "alice", "server", "10.0.0.1:7001"), Stage.Transport.RELAY);
    }

    @Test
    void stagesFourAndFiveDifferOnlyInTheAudioFlagSoTheSwitchKeepsTheCall() {
        Map<String, Hashtable<String, Object>> four = StagePlan.of(FOUR, alice()).configurations();
        Map<String, Hashtable<String, Object>> five = StagePlan.of(FIVE, alice()).configurations();
        assertEquals(List.of("parley.media", "parley.client"), List.copyOf(four.keySet()),
                "the media first, so the call starts with the stage's media");
        assertEquals(four.keySet(), five.keySet());
        assertEquals(four.get("parley.client"), five.get("parley.client"), "the call's configuration is untouched");
        Hashtable<String, Object> a = four.get("parley.media");
        Hashtable<String, Object> b = five.get("parley.media");
        assertEquals(false, a.get("audio"));
        assertEquals(true, b.get("audio"));
        a.remove("audio");
        b.remove("audio");
        assertEquals(a, b);
        Hashtable<String, Object> client = four.get("parley.client");
        assertEquals("10.0.0.1", client.get("server"));
        assertEquals(7001, client.get("port"));
        assertEquals("alice", client.get("name"));
    }

    @Test
    void aStagesPreferredSourcesAndCodecsReachTheMedia() {
        Stage chosen = new Stage("7", "", Stage.Transport.RELAY, EnumSet.of(MediaKind.VIDEO, MediaKind.TEXT), 0, "", "",
                List.of(), new Stage.Choice("test-pattern", "", "jpeg", "", 0, 0, 0, 0));
        Hashtable<String, Object> media = StagePlan.of(chosen, alice()).configurations().get("parley.media");
        assertEquals("test-pattern", media.get("videoSource"));
        assertEquals("jpeg", media.get("videoCodec"));
        assertEquals("", media.get("audioSource"));
        assertEquals(15, media.get("fps"), "neither the command line nor the stage says: 15");
        assertEquals(null, media.get("videoWidth"), "the client's default size");
    }

    @Test
    void aStageFileSetsSizeRatesAndTheCommandLinesFpsWins() {
        Stage small = new Stage("8", "", Stage.Transport.RELAY, EnumSet.of(MediaKind.VIDEO, MediaKind.AUDIO, MediaKind.TEXT),
                0, "", "", List.of(), new Stage.Choice("", "", "", "", 320, 240, 10, 48000));
        Hashtable<String, Object> media = StagePlan.of(small, alice()).configurations().get("parley.media");
        assertEquals(320, media.get("videoWidth"));
        assertEquals(240, media.get("videoHeight"));
        assertEquals(10, media.get("fps"));
        assertEquals(48000, media.get("sampleRate"));
        Hashtable<String, Object> faster = StagePlan.of(small, alice().with(Map.of("fps", "25"), Stage.Transport.RELAY))
                .configurations().get("parley.media");
        assertEquals(25, faster.get("fps"));
    }

    @Test
    void aTextOnlyRelayStageSendsNoVideoAndNoAudio() {
        Hashtable<String, Object> media = StagePlan.of(TWO, alice()).configurations().get("parley.media");
        assertEquals(false, media.get("video"));
        assertEquals(false, media.get("audio"));
    }

    @Test
    void servingStageTwoInPlaintextOpensTheRelayAndItsPlainTextPortButNoClient() {
        SessionOptions serve = SessionOptions.defaults().with(Map.of("serve", "true", "port", "7100", "plaintext", "true"),
                Stage.Transport.RELAY);
        Map<String, Hashtable<String, Object>> plan = StagePlan.of(TWO, serve).configurations();
        assertEquals(List.of("parley.relay", "parley.relay.text"), List.copyOf(plan.keySet()));
        assertEquals(7100, plan.get("parley.relay").get("port"));
        assertEquals(false, plan.get("parley.relay").get("tls"));
        assertEquals(9999, plan.get("parley.relay.text").get("port"));
        assertFalse(StagePlan.of(FOUR, serve).configurations().containsKey("parley.relay.text"), "stage 4 has no plain-text port");
    }

    @Test
    void servingStageTwoWithTlsKeepsThePlainTextPortClosedAndSaysWhy() {
        SessionOptions serve = SessionOptions.defaults().with(Map.of("serve", "true"), Stage.Transport.RELAY);
        StagePlan plan = StagePlan.of(TWO, serve);
        assertEquals(List.of("parley.relay"), List.copyOf(plan.configurations().keySet()));
        assertEquals(true, plan.configurations().get("parley.relay").get("tls"));
        assertTrue(plan.summary().contains("--plaintext opens it"), plan.summary());
    }

    @Test
    void aPeerToPeerStageNeedsListenOrConnectAndSaysSo() {
        StageException e = assertThrows(StageException.class, () -> StagePlan.of(ONE, alice()));
        assertTrue(e.getMessage().contains("--listen") && e.getMessage().contains("--connect"), e.getMessage());
    }

    @Test
    void portMeansThePeersPortForAPeerToPeerStageAndTheRelaysForARelayStage() {
        SessionOptions listening = alice().with(Map.of("listen", "true", "port", "9100"), Stage.Transport.P2P);
        Hashtable<String, Object> p2p = StagePlan.of(ONE, listening).configurations().get("parley.p2p");
        assertEquals(true, p2p.get("listen"));
        assertEquals(9100, p2p.get("port"));
        assertEquals("alice", p2p.get("name"));
        assertEquals(7001, listening.serverPort(), "the relay's port is kept for a later relay stage");
    }

    @Test
    void connectingReplacesListeningAndTakesThePortFromHostColonPort() {
        SessionOptions o = alice().with(Map.of("listen", "true"), Stage.Transport.P2P)
                .with(Map.of("connect", "peer.lan:9200"), Stage.Transport.P2P);
        Hashtable<String, Object> p2p = StagePlan.of(ONE, o).configurations().get("parley.p2p");
        assertEquals(false, p2p.get("listen"));
        assertEquals("peer.lan", p2p.get("host"));
        assertEquals(9200, p2p.get("port"));
    }

    @Test
    void aStagesOwnComponentsAreConfiguredWithTheSessionsSettings() {
        Stage six = stage("6", Stage.Transport.RELAY, EnumSet.of(MediaKind.TEXT), 0, List.of("parley.example.bot"));
        Hashtable<String, Object> bot = StagePlan.of(six, alice()).configurations().get("parley.example.bot");
        assertEquals("alice", bot.get("name"));
        assertEquals("10.0.0.1", bot.get("server"));
        assertEquals(7001, bot.get("port"));
        assertEquals("lobby", bot.get("room"));
    }

    @Test
    void aRelayStageWithoutAServerAsksForOne() {
        StageException e = assertThrows(StageException.class, () -> StagePlan.of(FOUR, SessionOptions.defaults()));
        assertTrue(e.getMessage().contains("--server"), e.getMessage());
    }

    @Test
    void anUnknownOptionIsNamedWithTheKnownOnes() {
        StageException e = assertThrows(StageException.class,
                () -> alice().with(Map.of("severs", "x"), Stage.Transport.RELAY));
        assertTrue(e.getMessage().contains("--severs") && e.getMessage().contains("--server"), e.getMessage());
    }

    @Test
    void theShellCommandReadsFlagsAndValues() {
        assertEquals(Map.of("listen", "true", "name", "bob", "port", "9300"),
                StageCommands.options("1", "--listen", "--name", "bob", "--port=9300"));
    }
}
