package dev.parley.ui.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = StatsPrinterConfig.PID, name = "Parley periodic figures", description = "Prints the call's live figures at a fixed interval (parley client --stats SECONDS)")
public @interface StatsPrinterConfig {
    String PID = "parley.console.stats";

    @AttributeDefinition(description = "Milliseconds between two printed figure blocks")
    int intervalMillis() default 1000;
}
