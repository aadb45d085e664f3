package dev.parley.ui.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = StdinChatConfig.PID, name = "Parley stdin chat", description = "Sends each line of standard input as a chat line (piped, non-interactive use)")
public @interface StdinChatConfig {
    String PID = "parley.console.stdin";

    @AttributeDefinition(description = "Stop Parley when standard input ends")
    boolean quitAtEnd() default false;
}
