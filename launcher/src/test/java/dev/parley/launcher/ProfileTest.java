package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProfileTest {
    private static final String HEADLESS = "DISPLAY is not set";

    private static Profile profile(String display, String... args) {
        return Profile.of(Options.parse(args), false, display, java.nio.file.Path.of("."));
    }

    private static Set<String> views(Profile p) {
        return p.configurations.keySet().stream().filter(k -> k.startsWith("parley.ui.")).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void aClientWithADisplayShowsTheSwingWindowAndWithoutOneTheConsole() {
        assertEquals(Set.of("parley.ui.swing"), views(profile(null, "client", "--server", "lan-host")));
        Profile headless = profile(HEADLESS, "client", "--server", "lan-host");
        assertEquals(Set.of("parley.ui.console"), views(headless));
        assertEquals(List.of(), headless.notes, "nobody asked for Swing, so nothing to say");
    }

    @Test
    void askingForSwingWithoutADisplayGivesOneLineAndTheConsole() {
        Profile p = profile(HEADLESS, "demo", "--ui", "swing");
        assertEquals(Set.of("parley.ui.console"), views(p));
        assertEquals(List.of("parley: the Swing UI needs a display (DISPLAY is not set); staying with the console"), p.notes);
    }

    @Test
    void theDemoUsesTheConsoleUnlessTheWindowIsAskedFor() {
        assertEquals(Set.of("parley.ui.console"), views(profile(null, "demo")));
        assertEquals(Set.of("parley.ui.swing"), views(profile(null, "demo", "--ui", "swing")));
        assertTrue(profile(null, "demo").configurations.containsKey("parley.console.stdin"), "piped input reaches the demo's shell");
    }

    @Test
    void anUnknownViewIsAUsageErrorAndTheServerShowsNoView() {
        Options.UsageException e = assertThrows(Options.UsageException.class, () -> profile(null, "client", "--server", "h", "--ui", "web"));
        assertEquals("--ui takes console or swing, not 'web'", e.getMessage());
        assertEquals(Set.of(), views(profile(null, "server")));
    }
}
