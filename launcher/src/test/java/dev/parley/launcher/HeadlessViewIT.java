package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parley without a display: the console shows the call, and asking for the window is answered in one line. */
class HeadlessViewIT {
    private static final String NO_DISPLAY = "parley: the Swing UI needs a display (DISPLAY is not set); staying with the console";

    @Test
    void askingForTheSwingViewWithoutADisplaySaysWhyInOneLineAndTheConsoleShowsTheCall() throws Exception {
        try (ParleyProcess demo = ParleyProcess.start("demo-headless", "demo", "--ui", "swing", "--port", "0")) {
            demo.await("the console showing the call", l -> l.startsWith("* console attached"));
            int mark = demo.lineCount();
            demo.type("/ui swing");
            demo.awaitFrom(mark, "the same line from the shell", l -> l.equals(NO_DISPLAY));
            demo.type("/ui");
            demo.awaitFrom(mark, "the view in use", l -> l.equals("ui: console (installed: console, swing)"));
            List<String> said = demo.stderr().lines().filter(l -> l.contains("display")).toList();
            assertEquals(List.of(NO_DISPLAY), said, demo.describe());
            assertTrue(demo.stderr().lines().noneMatch(l -> l.contains("Exception") || l.startsWith("\tat ")), demo.describe());
        }
    }
}
