package dev.parley.stages.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One stage, as a factory configuration: FileInstall turns each {@code config/stages/parley.stage-NAME.cfg} into
 * one. Adding a stage is dropping such a file (and, if it needs one, a plugin jar into {@code plugins/}).
 */
@ObjectClassDefinition(id = StageConfig.FACTORY_PID, name = "Parley stage",
        description = "One experiment of the lab as a stage: its transport, media and the plugin it needs")
public @interface StageConfig {
    String FACTORY_PID = "parley.stage";

    @AttributeDefinition(description = "What 'stage N' calls it: usually a number")
    String id();

    @AttributeDefinition(description = "One line for people")
    String title() default "";

    @AttributeDefinition(description = "relay (through a Parley relay: parley.client), p2p (direct to one peer: parley.p2p, "
            + "from the stage-p2p plugin) or none (the stage's components do everything)")
    String transport() default "relay";

    @AttributeDefinition(description = "Media sent, comma separated: text, video, audio (text is always on)")
    String media() default "text";

    @AttributeDefinition(description = "Relay stages served with --serve: the line-based plain-text port to open (0: none)")
    int plainTextPort() default 0;

    @AttributeDefinition(description = "Symbolic name of a bundle the stage needs, for example dev.parley.stage-p2p (empty: none)")
    String requires() default "";

    @AttributeDefinition(description = "The jar that brings that bundle, named when it is missing")
    String plugin() default "";

    @AttributeDefinition(description = "Configuration PIDs created while the stage runs, comma separated: the stage's own "
            + "components, each configured with the session's settings (name, server, port, room, ...)")
    String components() default "";

    @AttributeDefinition(description = "Preferred video source id, for example test-pattern (empty: the best present)")
    String videoSource() default "";

    @AttributeDefinition(description = "Preferred audio source id, for example tone (empty: the best present)")
    String audioSource() default "";

    @AttributeDefinition(description = "Preferred video codec name, for example jpeg (empty: the best present)")
    String videoCodec() default "";

    @AttributeDefinition(description = "Preferred audio codec name, for example pcm-s16le (empty: the best present)")
    String audioCodec() default "";

    @AttributeDefinition(description = "Video width in pixels this stage sends (0: the client's default, 640)")
    int videoWidth() default 0;

    @AttributeDefinition(description = "Video height in pixels this stage sends (0: the client's default, 480)")
    int videoHeight() default 0;

    @AttributeDefinition(description = "Video frames per second this stage sends (0: the client's default, 15); --fps on the command line wins")
    int fps() default 0;

    @AttributeDefinition(description = "Audio samples per second this stage sends, 16000 or 48000 (0: the client's default, 16000)")
    int sampleRate() default 0;
}
