package dev.parley.ui.swing.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = SwingViewConfig.PID, name = "Parley Swing view",
        description = "The desktop window; shown while this configuration exists (parley --ui swing, or 'ui swing' in the shell)")
public @interface SwingViewConfig {
    String PID = "parley.ui.swing";

    @AttributeDefinition(description = "Window width in pixels")
    int width() default 1280;

    @AttributeDefinition(description = "Window height in pixels")
    int height() default 800;

    @AttributeDefinition(description = "Chat lines kept in the chat pane")
    int chatLines() default 500;
}
