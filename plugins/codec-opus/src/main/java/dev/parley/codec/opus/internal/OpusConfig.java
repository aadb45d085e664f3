package dev.parley.codec.opus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = OpusConfig.PID, name = "Parley Opus codec",
        description = "Opus audio through the system libopus; ranks above raw PCM")
public @interface OpusConfig {
    String PID = "parley.codec.opus";

    @AttributeDefinition(description = "Target bit rate in bits per second (6000 to 510000; outside values are clamped)")
    int bitrate() default OpusSettings.DEFAULT_BITRATE;
}
