package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every profile's bundle set resolves and starts: no bundle is left behind with an unresolved requirement. */
class ProfilesIT {

    @ParameterizedTest
    @ValueSource(strings = {"server", "demo"})
    void everyBundleOfTheProfileStarts(String profile) throws Exception {
        try (ParleyProcess p = ParleyProcess.start(profile, profile, "--port", "0")) {
            p.awaitContaining("ready: relay listening on port");
            String err = p.stderr();
            assertFalse(err.contains("did not start"), p.describe());
            assertFalse(err.contains("[ERROR]"), p.describe());
        }
    }

    @org.junit.jupiter.api.Test
    void theDesktopWindowComesWithTheClientAndTheDemoButNotWithTheServer() throws Exception {
        java.nio.file.Path profiles = ParleyProcess.DIST.resolve("profiles");
        assertFalse(ProfileBundles.read(profiles.resolve("server.bndrun")).contains("dev.parley.ui-swing"));
        assertTrue(ProfileBundles.read(profiles.resolve("client.bndrun")).contains("dev.parley.ui-swing"));
        assertTrue(ProfileBundles.read(profiles.resolve("demo.bndrun")).contains("dev.parley.ui-swing"));
        assertTrue(ProfileBundles.read(profiles.resolve("stage.bndrun")).contains("dev.parley.ui-swing"));
    }

    @org.junit.jupiter.api.Test
    void everyBundleOfTheStageProfileStartsAndTheStageRuns() throws Exception {
        try (ParleyProcess p = ParleyProcess.start("stage", "stage", "4", "--serve", "--port", "0")) {
            p.awaitContaining("ready: relay listening on port");
            p.awaitContaining("* stage 4 (");
            String err = p.stderr();
            assertFalse(err.contains("did not start"), p.describe());
            assertFalse(err.contains("[ERROR]"), p.describe());
        }
    }

    @org.junit.jupiter.api.Test
    void aClientWithoutARelayStartsAndSaysItIsRetrying() throws Exception {
        int port = ParleyProcess.freePort();
        try (ParleyProcess p = ParleyProcess.start("client", "client", "--server", "127.0.0.1:" + port, "--name", "solo")) {
            p.await("a reconnecting state", l -> l.startsWith("* reconnecting") || l.contains("(reconnecting)"));
            String err = p.stderr();
            assertTrue(err.contains("Cannot reach relay 127.0.0.1:" + port), p.describe());
            assertFalse(err.contains("did not start"), p.describe());
        }
    }

    @org.junit.jupiter.api.Test
    void aMistypedOptionIsRefusedWithTheUsageNotAStackTrace() throws Exception {
        try (ParleyProcess p = ParleyProcess.start("typo", "server", "--prot", "7000")) {
            p.awaitExit();
            String err = p.stderr();
            assertTrue(err.contains("parley: unknown option --prot"), p.describe());
            assertTrue(err.contains("usage:"), p.describe());
            assertFalse(err.contains("Exception"), p.describe());
        }
    }
}
