package dev.parley.ui.console.internal;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * Runs one shell command given on standard input and prints its result as the Gogo shell would, on one stream.
 *
 * <p>The session writes into buffers that are printed once the command is done, never straight into
 * {@code System.out}: Gogo redirects {@code System.out} and {@code System.err} per thread while a command runs, so a
 * session whose own output was that redirected stream looped until the stack overflowed as soon as the command
 * logged a line (a {@code /stage 5} does).
 */
final class ShellLine {
    private ShellLine() {
    }

    static void run(CommandProcessor shell, String command, PrintStream out) {
        if (command.isEmpty()) return;
        if (shell == null) {
            print(out, "parley: no shell here (the Gogo runtime bundle is missing): " + command);
            return;
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        try (CommandSession session = shell.createSession(InputStream.nullInputStream(), printed, logged)) {
            Object result = session.execute(command);
            String text = printed.toString(StandardCharsets.UTF_8).stripTrailing();
            if (!text.isEmpty()) print(out, text);
            if (result != null) print(out, String.valueOf(session.format(result, Converter.INSPECT)));
        } catch (Exception e) {
            print(out, "parley: " + command + ": " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        } finally {
            // Log lines written while the command ran go back to standard error, where they belong.
            if (logged.size() > 0) System.err.print(logged.toString(StandardCharsets.UTF_8));
        }
    }

    private static void print(PrintStream out, String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
