package dev.parley.stage.example.internal;

import dev.parley.api.call.ConnectOptions;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The bot's settings. The stage controller creates this configuration while stage 6 runs, filled with the session's
 * settings (the {@code components} key of the stage file names this PID), and deletes it when another stage starts.
 */
@ObjectClassDefinition(id = BotConfig.PID, name = "Parley example bot", description = "A participant that answers every chat line")
public @interface BotConfig {
    String PID = "parley.example.bot";

    @AttributeDefinition(description = "Relay host")
    String server() default "127.0.0.1";

    @AttributeDefinition(description = "Relay port")
    int port() default ConnectOptions.DEFAULT_PORT;

    @AttributeDefinition(description = "Room to join")
    String room() default ConnectOptions.DEFAULT_ROOM;

    @AttributeDefinition(description = "Name of the user the bot keeps company; the bot calls itself bot-NAME")
    String name() default "guest";

    @AttributeDefinition(description = "Join over TLS (the session's --plaintext sets false)")
    boolean tls() default true;

    @AttributeDefinition(description = "Relay certificate fingerprint to accept (the session's --trust), or empty to trust on first use")
    String trust() default "";

    @AttributeDefinition(description = "The id of the stage that runs the bot (set by the stage controller)")
    String stage() default "";
}
