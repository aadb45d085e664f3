package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.nio.file.Path;
import java.util.Hashtable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley stage N ...} on the command line, against a distribution folder with two stage files. */
class StageProfileTest {
    @TempDir
    Path home;

    private Profile stage(String... args) throws Exception {
        Path stages = Files.createDirectories(home.resolve("config/stages"));
        Files.writeString(stages.resolve("parley.stage-1.cfg"), "id = 1\ntransport = p2p\nplugin = parley-stage-p2p.jar\n");
        Files.writeString(stages.resolve("parley.stage-4.cfg"), "id = 4\ntransport = relay\nmedia = video, text\n");
        String[] all = new String[args.length + 1];
        all[0] = "stage";
        System.arraycopy(args, 0, all, 1, args.length);
        return Profile.of(Options.parse(all), false, "DISPLAY is not set", home);
    }

    @Test
    void aRelayStageTakesTheServerAndItsPortFromHostColonPort() throws Exception {
        Hashtable<String, Object> c = stage("4", "--server", "10.0.0.2:7100", "--name", "alice").configurations.get("parley.stages");
        assertEquals("4", c.get("stage"));
        assertEquals("10.0.0.2", c.get("server"));
        assertEquals(7100, c.get("serverPort"));
        assertEquals("alice", c.get("name"));
    }

    @Test
    void aParticipantStageShowsTheWindowWhereThereIsADisplayAndARelayStageNeedsNone() throws Exception {
        stage("4", "--server", "lan-host");
        Profile withDisplay = Profile.of(Options.parse(new String[]{"stage", "4", "--server", "lan-host"}), false, null, home);
        assertTrue(withDisplay.configurations.containsKey("parley.ui.swing"));
        Profile relay = Profile.of(Options.parse(new String[]{"stage", "4", "--serve"}), false, null, home);
        assertTrue(relay.configurations.containsKey("parley.ui.console"));
    }

    @Test
    void aListeningPeerTakesItsPortFromListen() throws Exception {
        Profile p = stage("1", "--listen", "9100", "--name", "alice");
        Hashtable<String, Object> c = p.configurations.get("parley.stages");
        assertEquals(true, c.get("listen"));
        assertEquals(9100, c.get("peerPort"));
        assertEquals("parley-stage-p2p.jar", p.stage.plugin(), "the launcher brings this plugin in from extras/");
    }

    @Test
    void aPeerStageWithNeitherListenNorConnectIsAUsageError() {
        Options.UsageException e = assertThrows(Options.UsageException.class, () -> stage("1", "--name", "bob"));
        assertTrue(e.getMessage().contains("--listen") && e.getMessage().contains("--connect"), e.getMessage());
    }

    @Test
    void anUnknownStageIsAUsageErrorThatListsTheStages() {
        Options.UsageException e = assertThrows(Options.UsageException.class, () -> stage("7", "--server", "x"));
        assertTrue(e.getMessage().contains("no stage 7") && e.getMessage().contains("stages: 1, 4"), e.getMessage());
    }

    @Test
    void thePluginIsCopiedFromExtrasIntoPluginsWhenMissingOrOlderAndAUsersNewerOneIsKept() throws Exception {
        Profile p = stage("1", "--connect", "peer");
        Path extras = home.resolve("extras/parley-stage-p2p.jar");
        Path plugins = home.resolve("plugins/parley-stage-p2p.jar");
        Files.createDirectories(extras.getParent());
        Files.writeString(extras, "jar");
        Files.setLastModifiedTime(extras, FileTime.fromMillis(1_000_000_000_000L));
        StageFiles.installPlugin(home, p.stage);
        assertEquals("jar", Files.readString(plugins));

        Files.writeString(plugins, "a user's own build");
        Files.setLastModifiedTime(plugins, FileTime.fromMillis(1_000_000_060_000L));
        StageFiles.installPlugin(home, p.stage);
        assertEquals("a user's own build", Files.readString(plugins), "a newer plugin in plugins/ was overwritten");

        Files.writeString(extras, "the updated distribution's");
        Files.setLastModifiedTime(extras, FileTime.fromMillis(1_000_000_120_000L));
        StageFiles.installPlugin(home, p.stage);
        assertEquals("the updated distribution's", Files.readString(plugins), "an older copy stayed in plugins/");
    }
}
