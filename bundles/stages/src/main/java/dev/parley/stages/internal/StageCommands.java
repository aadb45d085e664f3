package dev.parley.stages.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The shell command {@code stage}: lists the stages, or switches to one. */
@Component(service = StageCommands.class, property = {"osgi.command.scope=parley", "osgi.command.function=stage"})
public final class StageCommands {
    private final StageController controller;

    @Activate
    public StageCommands(@Reference StageController controller) {
        this.controller = controller;
    }

    /** stage: lists the stages; stage N [--name X] [--server HOST[:PORT]] [--listen [PORT]] [--connect HOST[:PORT]] ...: switches. */
    public String stage(String... args) {
        if (args.length == 0) return controller.list();
        try {
            return controller.switchTo(args[0], options(args));
        } catch (StageException e) {
            return "stage " + args[0] + " not started: " + e.getMessage();
        }
    }

    /** {@code --key value} and {@code --flag} after the stage id. */
    static Map<String, String> options(String... args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new StageException("unexpected '" + a + "': options are --key value");
            String key = a.substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                out.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                out.put(key, args[++i]);
            } else {
                out.put(key, "true");
            }
        }
        return out;
    }
}
