package dev.parley.ui.console.internal;

import dev.parley.api.call.Call;
import dev.parley.api.call.CallState;
import dev.parley.api.call.ChatMessage;
import dev.parley.api.call.Participant;
import dev.parley.api.ui.ConferenceView;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * The terminal view: prints chat lines as {@code number name: text} (as the lab's chat server did) and roster
 * events as lines starting with {@code *}. On attach it prints the roster and the recent chat at once. Shown while
 * its configuration {@value #PID} exists (the launcher's {@code --ui console}, the shell's {@code ui console}).
 */
@Component(service = ConferenceView.class, property = ConferenceView.PROP_UI + "=console",
        configurationPid = ConsoleView.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ConsoleView implements ConferenceView {
    static final String PID = ConferenceView.PID_PREFIX + "console";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private static final int HISTORY_ON_ATTACH = 20;

    private final PrintStream out;

    @Activate
    public ConsoleView() {
        this(System.out);
    }

    ConsoleView(PrintStream out) {
        this.out = out;
    }

    @Override
    public void attach(Call call) {
        List<Participant> roster = call.roster();
        line("* console attached to room " + call.room() + " as " + call.name() + " (" + call.state().name().toLowerCase()
                + "), " + roster.size() + " here: " + String.join(", ", roster.stream().map(Participant::toString).toList()));
        List<ChatMessage> history = call.history();
        for (ChatMessage m : history.subList(Math.max(0, history.size() - HISTORY_ON_ATTACH), history.size())) chat(m);
    }

    @Override
    public void detach(Call call) {
        line("* console detached");
    }

    @Override
    public void stateChanged(CallState state, String detail) {
        line("* " + state.name().toLowerCase() + ": " + detail);
    }

    @Override
    public void joined(Participant p) {
        line("* " + p + (p.self() ? " (you)" : "") + " joined");
    }

    @Override
    public void left(Participant p, String reason) {
        line("* " + p + " left (" + reason + ")");
    }

    @Override
    public void chat(ChatMessage m) {
        line("[" + TIME.format(Instant.ofEpochMilli(m.timeMicros() / 1000)) + "] " + m);
    }

    private void line(String s) {
        synchronized (out) {
            out.println(s);
            out.flush();
        }
    }
}
