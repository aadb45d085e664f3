package dev.parley.ui.console.internal;

import java.io.InputStream;
import java.io.PrintStream;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/** Runs one shell command given on standard input and prints its result as the Gogo shell would, on one stream. */
final class ShellLine {
    private ShellLine() {
    }

    static void run(CommandProcessor shell, String command, PrintStream out) {
        if (command.isEmpty()) return;
        if (shell == null) {
            print(out, "parley: no shell here (the Gogo runtime bundle is missing): " + command);
            return;
        }
        try (CommandSession session = shell.createSession(InputStream.nullInputStream(), out, out)) {
            Object result = session.execute(command);
            if (result != null) print(out, String.valueOf(session.format(result, Converter.INSPECT)));
        } catch (Exception e) {
            print(out, "parley: " + command + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private static void print(PrintStream out, String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
