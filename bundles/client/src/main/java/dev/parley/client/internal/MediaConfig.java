package dev.parley.client.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The local participant's media, whichever call carries it (a relay call, a peer-to-peer stage): one set of
 * settings, read by {@link SwitchableMedia} and applied live to the running call.
 */
@ObjectClassDefinition(id = MediaConfig.PID, name = "Parley local media",
        description = "What the local participant sends and plays, at what size and rate, from which source, with which codec")
public @interface MediaConfig {
    String PID = "parley.media";

    @AttributeDefinition(description = "Send video")
    boolean video() default true;

    @AttributeDefinition(description = "Send and play audio")
    boolean audio() default true;

    @AttributeDefinition(description = "Video width in pixels")
    int videoWidth() default 640;

    @AttributeDefinition(description = "Video height in pixels")
    int videoHeight() default 480;

    @AttributeDefinition(description = "Video frames per second")
    int fps() default 15;

    @AttributeDefinition(description = "Audio sample rate in Hz")
    int sampleRate() default 16000;

    @AttributeDefinition(description = "Preferred video source id, for example test-pattern (empty: the best present)")
    String videoSource() default "";

    @AttributeDefinition(description = "Preferred audio source id, for example tone (empty: the best present)")
    String audioSource() default "";

    @AttributeDefinition(description = "Preferred video codec name, for example jpeg (empty: the best present)")
    String videoCodec() default "";

    @AttributeDefinition(description = "Preferred audio codec name, for example pcm-s16le (empty: the best present)")
    String audioCodec() default "";
}
