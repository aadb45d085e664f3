package dev.parley.stage.p2p.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = PeerConfig.PID, name = "Parley peer-to-peer call",
        description = "A direct call with one peer, no relay: listen for it or connect to it (stages 1 and 3; what media: parley.media)")
public @interface PeerConfig {
    String PID = "parley.p2p";

    @AttributeDefinition(description = "Wait for the peer to connect (true) or connect to it (false)")
    boolean listen() default false;

    @AttributeDefinition(description = "Listening: the address to listen on. Connecting: the peer's host name or address")
    String host() default "0.0.0.0";

    @AttributeDefinition(description = "TCP port: to listen on, or the peer's (9999, as in the lab)")
    int port() default 9999;

    @AttributeDefinition(description = "This participant's name, shown to the peer (empty: the user's login name)")
    String name() default "";

    @AttributeDefinition(description = "TLS 1.3 between the peers: the listening side presents its certificate (made on first start), the connecting side trusts it on first use (false: plain TCP)")
    boolean tls() default true;

    @AttributeDefinition(description = "SHA-256 fingerprint of the listening peer's certificate to accept (empty: trust on first use)")
    String trust() default "";
}
