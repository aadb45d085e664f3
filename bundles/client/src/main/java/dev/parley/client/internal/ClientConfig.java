package dev.parley.client.internal;

import dev.parley.api.call.ConnectOptions;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ClientConfig.PID, name = "Parley client", description = "Which relay and room to join, and as whom (what media: parley.media)")
public @interface ClientConfig {
    String PID = "parley.client";

    @AttributeDefinition(description = "Relay host name or address")
    String server() default "127.0.0.1";

    @AttributeDefinition(description = "Relay TCP port")
    int port() default ConnectOptions.DEFAULT_PORT;

    @AttributeDefinition(description = "Participant name shown to others (empty: the user's login name)")
    String name() default "";

    @AttributeDefinition(description = "Room to join")
    String room() default ConnectOptions.DEFAULT_ROOM;

    @AttributeDefinition(description = "Join over TLS 1.3 (false: the lab's plain TCP, which anyone on the network can read)")
    boolean tls() default true;

    @AttributeDefinition(description = "SHA-256 fingerprint of the relay certificate to accept (empty: trust the relay on first use and refuse a changed certificate)")
    String trust() default "";

    @AttributeDefinition(description = "The room's passphrase (empty: a room without one)")
    String passphrase() default "";

    @AttributeDefinition(description = "Encrypt media end to end with a key from the passphrase, so the relay cannot read it")
    boolean e2ee() default false;
}
