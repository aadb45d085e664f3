package dev.parley.demo.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = DemoConfig.PID, name = "Parley demo", description = "Synthetic participants joined to the relay of this process")
public @interface DemoConfig {
    String PID = "parley.demo";

    @AttributeDefinition(description = "Participant names, comma separated")
    String[] names() default {"alice", "bob", "carol"};

    @AttributeDefinition(description = "Room they meet in")
    String room() default "demo";

    @AttributeDefinition(description = "Milliseconds between two printed figure blocks")
    int statsIntervalMillis() default 1000;

    @AttributeDefinition(description = "Milliseconds between two scripted chat lines (0: none)")
    int chatIntervalMillis() default 3000;

    @AttributeDefinition(description = "Video frames per second of each participant")
    int fps() default 15;
}
