package dev.parley.api.ui;

import org.osgi.annotation.versioning.ConsumerType;

import dev.parley.api.call.Call;
import dev.parley.api.call.CallListener;

/**
 * A user interface for a call. Views are services; the client attaches every view present and detaches it when the
 * view goes, so a UI bundle can be swapped while the call goes on.
 *
 * <p>A view is a component gated by its own configuration, {@link #PID_PREFIX} followed by its {@link #PROP_UI}
 * name ({@code parley.ui.console}, {@code parley.ui.swing}): the {@link ViewSwitch} turns one on and the others off.
 */
@ConsumerType
public interface ConferenceView extends CallListener {
    /** Service property naming the view, for example {@code console} or {@code swing}. */
    String PROP_UI = "parley.ui";

    /** Component property: {@code true} when the view needs a graphical display and cannot run headless. */
    String PROP_NEEDS_DISPLAY = "parley.ui.display";

    /** Why this JVM has no display, in words a user can act on: for the line that says a view cannot open. */
    static String whyNoDisplay() {
        String display = System.getenv("DISPLAY");
        return display == null || display.isBlank() ? "DISPLAY is not set" : "java.awt.headless is true";
    }

    /** The configuration PID of a view is this prefix and its name. */
    String PID_PREFIX = "parley.ui.";

    /** Shows the call: the current roster and recent chat at once, then live events. */
    void attach(Call call);

    /** Stops showing the call; the call goes on. */
    void detach(Call call);
}
