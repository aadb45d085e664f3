package dev.parley.bus.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = BusConfig.PID, name = "Parley media bus", description = "Queue sizes of the in-process media bus")
public @interface BusConfig {
    String PID = "parley.bus";

    @AttributeDefinition(name = "Audio queue", description = "Audio frames a subscriber may hold before the oldest is dropped (20 ms each)")
    int audioQueueFrames() default 4;
}
