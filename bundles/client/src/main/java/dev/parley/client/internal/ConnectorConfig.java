package dev.parley.client.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = ConnectorConfig.PID, name = "Parley connections", description = "How this process connects to relays")
public @interface ConnectorConfig {
    String PID = "parley.connector";

    @AttributeDefinition(description = "File of the relays trusted so far, HOST:PORT FINGERPRINT per line (empty: config/known-relays of the distribution)")
    String knownRelaysFile() default "";
}
