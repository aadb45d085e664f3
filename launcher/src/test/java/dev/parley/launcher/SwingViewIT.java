package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code parley demo --ui swing} on a private X display: the window a new user sees. Also writes
 * {@code target/parley-swing.png}, the picture in the README (copy it to docs/images/parley-swing.png).
 */
class SwingViewIT {
    @RegisterExtension
    static final XvfbDisplay DISPLAY = new XvfbDisplay();
    private static final Path TARGET = Path.of(System.getProperty("parley.dist", "target/parley")).getParent();

    @Test
    void theDemoWindowShowsThreeMovingTilesAndAChatLineFromAnotherParticipant() throws Exception {
        try (ParleyProcess demo = ParleyProcess.start(ParleyProcess.DIST, "demo-swing", DISPLAY.name(),
                "demo", "--ui", "swing", "--port", "0")) {
            demo.awaitContaining("ready: relay listening on port");
            // Bob's scripted line travels from his call through the relay to alice's, whose window shows it.
            WindowReport shown = WindowReport.await(demo, "three tiles with pictures and bob's chat line", r ->
                    r.tiles().size() == 3 && r.tiles().stream().allMatch(t -> t.pictures() > 5)
                            && r.chat().stream().anyMatch(l -> l.endsWith("bob: loud and clear, your frame counter is moving")));
            assertEquals(List.of("alice", "bob", "carol"), shown.tiles().stream().map(WindowReport.Tile::name).sorted().toList());

            BufferedImage first = WindowReport.screenshot(demo, TARGET.resolve("parley-swing-1.png"));
            WindowReport.await(demo, "every tile painting newer pictures", r -> r.tiles().stream()
                    .allMatch(t -> t.pictures() >= shown.pictures(t.name()) + 5));
            BufferedImage second = WindowReport.screenshot(demo, TARGET.resolve("parley-swing-2.png"));

            for (WindowReport.Tile tile : shown.tiles()) {
                assertTrue(WindowReport.pictureMoved(first, second, tile.bounds()),
                        tile.name() + "'s tile did not move between two screenshots (target/parley-swing-1.png, -2.png)");
            }
            assertTrue(shown.tiles().stream().anyMatch(t -> t.sender() == 0 && t.name().equals("alice")),
                    "the first tile is alice's own preview");
            Files.copy(TARGET.resolve("parley-swing-2.png"), TARGET.resolve("parley-swing.png"), StandardCopyOption.REPLACE_EXISTING);
            assertTrue(demo.stderr().lines().noneMatch(l -> l.contains("Exception")), demo.describe());
        }
    }

    @Test
    void yourOwnTileSaysSoWhenYourCameraStopsSendingAndClearsWhenItIsBack() throws Exception {
        Path home = ParleyProcess.copyOfDistribution();
        Files.copy(Path.of(System.getProperty("parley.testcam.jar", "none.jar")), home.resolve("plugins").resolve("test-camera.jar"));
        int port = ParleyProcess.freePort();
        try (ParleyProcess relay = ParleyProcess.startIn(home, "relay", "server", "--port", String.valueOf(port), "--host", "127.0.0.1");
             ParleyProcess alice = ParleyProcess.start(home, "alice-swing", DISPLAY.name(), "client", "--server",
                     "127.0.0.1:" + port, "--name", "alice", "--no-audio", "--ui", "swing")) {
            alice.awaitLog("alice video source: webcam:0");
            WindowReport.await(alice, "alice's own tile with camera pictures and no note", r -> r.tiles().stream()
                    .anyMatch(t -> t.sender() == 0 && t.pictures() > 5 && t.note().isEmpty()));
            alice.type("/testcam:stop");
            WindowReport.await(alice, "the note that the camera stopped", r -> r.tiles().stream()
                    .anyMatch(t -> t.sender() == 0 && t.note().equals("camera webcam:0 sends nothing: test pattern until it is back")));
            alice.type("/testcam:start");
            WindowReport.await(alice, "the note gone with the camera back", r -> r.tiles().stream()
                    .anyMatch(t -> t.sender() == 0 && t.note().isEmpty()));
        }
    }
}
