package dev.parley.ui.console.internal;

import dev.parley.api.ui.ViewSwitch;
import dev.parley.api.ui.ViewSwitch.ViewUnavailableException;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Gogo command {@code ui}: which view shows the call, and {@code ui NAME} to switch while the call goes on. */
@Component(service = UiCommands.class, property = {
        "osgi.command.scope=parley",
        "osgi.command.function=ui"})
public final class UiCommands {
    private final ViewSwitch views;

    @Activate
    public UiCommands(@Reference ViewSwitch views) {
        this.views = views;
    }

    /** ui: the view in use and the views installed. */
    public String ui() {
        List<String> chosen = views.chosen();
        return "ui: " + (chosen.isEmpty() ? "none" : String.join(", ", chosen))
                + " (installed: " + String.join(", ", views.installed()) + ")";
    }

    /** ui NAME: shows the call in that view (console, swing) instead. */
    public String ui(String name) {
        String wanted = name.strip().toLowerCase();
        List<String> before = views.chosen();
        try {
            views.show(wanted);
            return before.equals(List.of(wanted)) ? "ui: " + wanted + " already" : "ui: " + wanted;
        } catch (ViewUnavailableException e) {
            return "parley: " + e.getMessage() + (before.isEmpty() ? "" : "; staying with the " + named(before));
        }
    }

    private static String named(List<String> views) {
        return views.equals(List.of("console")) ? "console" : String.join(", ", views) + " view";
    }
}
