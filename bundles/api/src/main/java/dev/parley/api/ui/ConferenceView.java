package dev.parley.api.ui;

import dev.parley.api.call.Call;
import dev.parley.api.call.CallListener;

/**
 * A user interface for a call. Views are services; the client attaches every view present and detaches it when the
 * view goes, so a UI bundle can be swapped while the call goes on.
 */
public interface ConferenceView extends CallListener {
    /** Service property naming the view, for example {@code console} or {@code swing}. */
    String PROP_UI = "parley.ui";

    /** Shows the call: the current roster and recent chat at once, then live events. */
    void attach(Call call);

    /** Stops showing the call; the call goes on. */
    void detach(Call call);
}
