package dev.parley.bench.internal;

import dev.parley.api.call.ConnectOptions;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = BenchConfig.PID, name = "Parley bench", description = "Synthetic participants in a process of their own, loading a relay")
public @interface BenchConfig {
    String PID = "parley.bench";

    @AttributeDefinition(description = "Participants, each sending video and receiving everyone else's")
    int clients() default 10;

    @AttributeDefinition(description = "How many of them read only slowFps video frames a second")
    int slow() default 1;

    @AttributeDefinition(description = "Video frames per second a slow participant reads")
    int slowFps() default 10;

    @AttributeDefinition(description = "How many of them stop reading after joining (and keep sending)")
    int stalled() default 0;

    @AttributeDefinition(description = "Video frames per second each participant sends")
    int fps() default 30;

    @AttributeDefinition(description = "Bytes per video frame (a 640x480 JPEG is about 40 KB)")
    int frameBytes() default 40_000;

    @AttributeDefinition(description = "Also send 20 ms audio frames (640 bytes, 50 a second) from every participant")
    boolean audio() default false;

    @AttributeDefinition(description = "Seconds of warm-up before measuring")
    int warmupSeconds() default 3;

    @AttributeDefinition(description = "Seconds measured")
    int seconds() default 10;

    @AttributeDefinition(description = "FROM:TO:STEP participants: one run per size, a table and a chart (empty: one run)")
    String sweep() default "";

    @AttributeDefinition(description = "Where a sweep draws its chart (PNG)")
    String chart() default "parley-bench.png";

    @AttributeDefinition(description = "Print the result as JSON on standard output (progress goes to standard error)")
    boolean json() default false;

    @AttributeDefinition(description = "Host of a relay elsewhere to load instead of this process's own (empty: our own)")
    String server() default "";

    @AttributeDefinition(description = "Port of that other relay")
    int serverPort() default ConnectOptions.DEFAULT_PORT;

    @AttributeDefinition(description = "Process id of that other relay, to measure its CPU and memory (0: not measured)")
    long relayPid() default 0;

    @AttributeDefinition(description = "Stop Parley when the report is printed")
    boolean quitWhenDone() default true;

    @AttributeDefinition(description = "Participants connect with TLS 1.3 (false with --plaintext, against a relay in plaintext)")
    boolean tls() default true;
}
