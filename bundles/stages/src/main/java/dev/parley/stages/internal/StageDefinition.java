package dev.parley.stages.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One component per {@code parley.stage} factory configuration: Declarative Services does the tracking, so a stage
 * file dropped into {@code config/stages/} (or deleted) shows up in {@link StageController} while Parley runs.
 */
@Component(service = StageDefinition.class, configurationPid = StageConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = StageConfig.class, factory = true)
public final class StageDefinition {
    private final Stage stage;

    @Activate
    public StageDefinition(StageConfig config) {
        this.stage = Stage.of(config);
    }

    Stage stage() { return stage; }
}
