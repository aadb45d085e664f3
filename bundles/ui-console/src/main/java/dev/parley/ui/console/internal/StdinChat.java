package dev.parley.ui.console.internal;

import dev.parley.api.call.Call;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Non-interactive chat, as the lab's chat clients worked: every line read from standard input is sent to the room.
 * A line starting with {@code /} is a shell command instead ({@code /ui swing}, {@code /stats}), as in chat programs;
 * {@code //} sends a line that starts with {@code /}. Runs only when the launcher creates its configuration (a client
 * or demo whose stdin is not a terminal).
 */
@Component(configurationPid = StdinChatConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = StdinChatConfig.class)
public final class StdinChat {
    private static final Logger LOG = LoggerFactory.getLogger(StdinChat.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CommandProcessor shell;

    @Activate
    public StdinChat(@Reference Call call, StdinChatConfig config, BundleContext context) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) continue;
                    if (line.startsWith("/") && !line.startsWith("//")) {
                        ShellLine.run(shell, line.substring(1).strip(), System.out);
                    } else {
                        call.say(line.startsWith("//") ? line.substring(1) : line);
                    }
                }
            } catch (IOException e) {
                LOG.warn("Standard input failed: {}", e.getMessage());
            }
            if (config.quitAtEnd()) {
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
}
