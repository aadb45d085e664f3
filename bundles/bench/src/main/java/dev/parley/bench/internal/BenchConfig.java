package dev.parley.bench.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = BenchConfig.PID, name = "Parley bench", description = "Synthetic load against the relay of this process")
public @interface BenchConfig {
    String PID = "parley.bench";

    @AttributeDefinition(description = "Participants, each sending video and receiving everyone else's")
    int clients() default 10;

    @AttributeDefinition(description = "How many of them read slowly")
    int slow() default 1;

    @AttributeDefinition(description = "Frames per second a slow participant reads")
    int slowFps() default 10;

    @AttributeDefinition(description = "Video frames per second each participant sends")
    int fps() default 30;

    @AttributeDefinition(description = "Bytes per video frame (a 640x480 JPEG is about 40 KB)")
    int frameBytes() default 40_000;

    @AttributeDefinition(description = "Seconds of warm-up before measuring")
    int warmupSeconds() default 3;

    @AttributeDefinition(description = "Seconds measured")
    int seconds() default 10;

    @AttributeDefinition(description = "Stop Parley when the report is printed")
    boolean quitWhenDone() default true;
}
