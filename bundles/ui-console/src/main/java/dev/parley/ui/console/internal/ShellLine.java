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

    /** How long a command not (yet) registered is waited for: Parley's bundles may still be starting. */
    private static final long STARTING_MILLIS = 5_000;

    static void run(CommandProcessor shell, String command, PrintStream out) {
        if (command.isEmpty()) return;
        if (shell == null) {
            print(out, "parley: no shell here (the Gogo runtime bundle is missing): " + command);
            return;
        }
        // A line piped in right at start may name a command whose bundle is still starting: wait for it a little.
        String name = command.strip().split("\\s+")[0];
        long deadline = System.currentTimeMillis() + STARTING_MILLIS;
        while (!known(shell, name) && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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

    /** Whether the shell has a command of that name (with or without its scope, such as {@code parley:ui}). */
    private static boolean known(CommandProcessor shell, String name) {
        try (CommandSession session = shell.createSession(InputStream.nullInputStream(),
                new ByteArrayOutputStream(), new ByteArrayOutputStream())) {
            Object commands = session.get(".commands");
            if (!(commands instanceof java.util.Collection<?> all)) return true;
            for (Object c : all) {
                String n = String.valueOf(c);
                if (n.equals(name) || n.endsWith(":" + name)) return true;
            }
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    private static void print(PrintStream out, String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
