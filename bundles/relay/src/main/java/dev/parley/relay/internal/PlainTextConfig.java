package dev.parley.relay.internal;

import dev.parley.api.call.ConnectOptions;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = PlainTextConfig.PID, name = "Parley plain-text port",
        description = "A line-based port on the relay, so that nc HOST PORT chats with Parley users (stage 2 of the lab)")
public @interface PlainTextConfig {
    String PID = "parley.relay.text";

    @AttributeDefinition(description = "Address to listen on")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "TCP port to listen on (9999, as in the lab; 0 picks a free one)")
    int port() default 9999;

    @AttributeDefinition(description = "Room the line-based clients join")
    String room() default ConnectOptions.DEFAULT_ROOM;

    @AttributeDefinition(description = "Longest line accepted, in bytes of UTF-8; a longer one is refused and said so")
    int maxLineBytes() default 4096;
}
