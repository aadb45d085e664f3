package dev.parley.ui.console.internal;

import dev.parley.api.call.Call;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Non-interactive chat, as the lab's chat clients worked: every line read from standard input is sent to the room.
 * A line starting with {@code /} is a shell command instead ({@code /ui swing}, {@code /stage 5}, {@code /stats}), as
 * in chat programs; {@code //} sends a line that starts with {@code /}. Runs only when the launcher creates its
 * configuration (a client, demo or stage whose stdin is not a terminal). The call is followed as it comes and goes
 * (a stage switch replaces it), so one reader of standard input serves them all.
 */
@Component(configurationPid = StdinChatConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = StdinChatConfig.class)
public final class StdinChat {
    private static final Logger LOG = LoggerFactory.getLogger(StdinChat.class);

    /** How long a command line read during start-up waits for the shell to come up. */
    private static final long SHELL_WAIT_MILLIS = 15_000;

    private final PrintStream out = System.out;
    private final Object shellLock = new Object();
    private CommandProcessor shell;
    private volatile Call call;
    private volatile boolean stopped;

    @Activate
    public StdinChat(StdinChatConfig config, BundleContext context) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while (!stopped && (line = in.readLine()) != null) {
                    if (line.isBlank()) continue;
                    if (line.startsWith("/") && !line.startsWith("//")) {
                        ShellLine.run(awaitShell(), line.substring(1).strip(), out);
                    } else {
                        chat(line.startsWith("//") ? line.substring(1) : line);
                    }
                }
            } catch (IOException e) {
                LOG.warn("Standard input failed: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (config.quitAtEnd() && !stopped) {
                try {
                    context.getBundle(0).stop();
                } catch (BundleException | IllegalStateException e) {
                    LOG.debug("Stopping after end of input failed", e);
                }
            }
        }, "parley-stdin-chat");
        reader.setDaemon(true);
        reader.start();
    }

    @Deactivate
    void deactivate() {
        stopped = true;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCall(Call c) { call = c; }

    void unsetCall(Call c) { if (call == c) call = null; }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setShell(CommandProcessor processor) {
        synchronized (shellLock) {
            shell = processor;
            shellLock.notifyAll();
        }
    }

    void unsetShell(CommandProcessor processor) {
        synchronized (shellLock) {
            if (shell == processor) shell = null;
        }
    }

    private void chat(String line) {
        Call c = call;
        if (c == null) {
            synchronized (out) {
                out.println("* not in a call: the line was not sent (a client or a stage starts one)");
                out.flush();
            }
        } else {
            c.say(line);
        }
    }

    /** The shell, waiting a while for it when Parley is still starting (the shell bundle starts on its own time). */
    /**
     * The shell, once Parley has started every bundle of its profile (the launcher sets {@code parley.started}): a
     * command piped in at once must find every command and every view, not only those of the bundles started so far.
     */
    private CommandProcessor awaitShell() throws InterruptedException {
        long deadline = System.nanoTime() + SHELL_WAIT_MILLIS * 1_000_000;
        while (!Boolean.getBoolean("parley.started") && System.nanoTime() < deadline) Thread.sleep(20);
        synchronized (shellLock) {
            while (shell == null) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) break;
                shellLock.wait(left);
            }
            return shell;
        }
    }
}
