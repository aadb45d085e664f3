package dev.parley.stages.internal;

import dev.parley.api.call.ConnectOptions;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** What {@code parley stage N [options]} asks for at start; later switches come from the shell command. */
@ObjectClassDefinition(id = StagesConfig.PID, name = "Parley stage at start",
        description = "The stage to start with and the session's settings (written by the launcher)")
public @interface StagesConfig {
    String PID = "parley.stages";

    @AttributeDefinition(description = "Id of the stage to start (empty: none, wait for the stage command)")
    String stage() default "";

    @AttributeDefinition(description = "Participant name (empty: the user's login name)")
    String name() default "";

    @AttributeDefinition(description = "Room on the relay")
    String room() default ConnectOptions.DEFAULT_ROOM;

    @AttributeDefinition(description = "Relay host for relay stages")
    String server() default "";

    @AttributeDefinition(description = "Relay port: to join, or to listen on with serve")
    int serverPort() default ConnectOptions.DEFAULT_PORT;

    @AttributeDefinition(description = "Peer host to connect to, for peer-to-peer stages")
    String connect() default "";

    @AttributeDefinition(description = "Peer port: to connect to, or to listen on with listen")
    int peerPort() default 9999;

    @AttributeDefinition(description = "Peer-to-peer stages: wait for the peer instead of connecting")
    boolean listen() default false;

    @AttributeDefinition(description = "Relay stages: be the relay instead of a participant")
    boolean serve() default false;

    @AttributeDefinition(description = "Address to listen on with listen or serve")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "Video frames per second")
    int fps() default 0;

    @AttributeDefinition(description = "Use TLS 1.3 for the relay, the client and peer-to-peer sessions (false: --plaintext, the lab's plain TCP)")
    boolean tls() default true;

    @AttributeDefinition(description = "SHA-256 fingerprint of the relay or peer certificate to accept (empty: trust on first use)")
    String trust() default "";
}
