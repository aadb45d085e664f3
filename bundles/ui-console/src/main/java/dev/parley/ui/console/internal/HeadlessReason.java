package dev.parley.ui.console.internal;

/** Why this JVM has no display, in words a user can act on. */
final class HeadlessReason {
    private HeadlessReason() {
    }

    static String now() {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) return "DISPLAY is not set";
        return "java.awt.headless is true";
    }
}
