package dev.parley.ui.console.internal;

import dev.parley.api.ui.ConferenceView;
import dev.parley.api.ui.ViewSwitch;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the view through Config Admin. Every view is a component with {@code configurationPolicy = REQUIRE} and
 * the PID {@code parley.ui.NAME}: creating one view's configuration and deleting the others' makes SCR activate
 * that view and deactivate the rest, and the client's view binder attaches and detaches them while calls go on.
 *
 * <p>Why configurations rather than enabling and disabling component descriptions through
 * {@link ServiceComponentRuntime}: the choice must outlive a view's bundle. A bundle stopped and started again, or a
 * UI jar dropped into {@code plugins/}, comes up with its components' declared enablement, which knows nothing of
 * the user's choice; a configuration stays where it is, so a restarted Swing bundle shows its window again only if
 * Swing is the chosen view. The launcher makes the first choice the same way ({@code --ui}). The runtime service is
 * only read, to learn which views are installed and whether one needs a display.
 */
@Component(service = ViewSwitch.class)
public final class ConfigViewSwitch implements ViewSwitch {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigViewSwitch.class);

    private final ConfigurationAdmin configurations;
    private final ServiceComponentRuntime components;

    @Activate
    public ConfigViewSwitch(@Reference ConfigurationAdmin configurations, @Reference ServiceComponentRuntime components) {
        this.configurations = configurations;
        this.components = components;
    }

    @Override
    public List<String> installed() {
        return new ArrayList<>(views().keySet());
    }

    @Override
    public List<String> chosen() {
        List<String> out = new ArrayList<>();
        for (Configuration c : viewConfigurations()) out.add(c.getPid().substring(ConferenceView.PID_PREFIX.length()));
        out.sort(null);
        return out;
    }

    @Override
    public synchronized void show(String name) throws ViewUnavailableException {
        Map<String, ComponentDescriptionDTO> views = views();
        ComponentDescriptionDTO view = views.get(name);
        if (view == null) {
            throw new ViewUnavailableException(views.isEmpty() ? "no view is installed"
                    : "no " + name + " view is installed (installed: " + String.join(", ", views.keySet()) + ")");
        }
        if (needsDisplay(view) && GraphicsEnvironment.isHeadless()) {
            throw new ViewUnavailableException("the " + title(name) + " UI needs a display (" + dev.parley.api.ui.ConferenceView.whyNoDisplay() + ")");
        }
        try {
            // The new view first, then the old ones go: for a moment both show the call, never neither.
            Configuration wanted = configurations.getConfiguration(ConferenceView.PID_PREFIX + name, "?");
            if (wanted.getProperties() == null) {
                Dictionary<String, Object> props = new Hashtable<>();
                props.put(ConferenceView.PROP_UI, name);
                wanted.update(props);
            }
            for (Configuration c : viewConfigurations()) {
                if (!c.getPid().equals(wanted.getPid())) c.delete();
            }
        } catch (IOException e) {
            throw new ViewUnavailableException("Config Admin could not store the choice: " + e.getMessage());
        }
        LOG.debug("View chosen: {}", name);
    }

    /** Installed views by name: component descriptions with a {@code parley.ui} name gated by its PID. */
    private Map<String, ComponentDescriptionDTO> views() {
        Map<String, ComponentDescriptionDTO> out = new TreeMap<>();
        for (ComponentDescriptionDTO d : components.getComponentDescriptionDTOs()) {
            if (d.properties.get(ConferenceView.PROP_UI) instanceof String name
                    && Arrays.asList(d.configurationPid).contains(ConferenceView.PID_PREFIX + name)) {
                out.put(name, d);
            }
        }
        return out;
    }

    private List<Configuration> viewConfigurations() {
        try {
            Configuration[] found = configurations.listConfigurations(
                    "(" + org.osgi.framework.Constants.SERVICE_PID + "=" + ConferenceView.PID_PREFIX + "*)");
            return found == null ? List.of() : Arrays.asList(found);
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("Cannot list the view configurations: {}", e.getMessage());
            return List.of();
        }
    }

    private static boolean needsDisplay(ComponentDescriptionDTO d) {
        Object v = d.properties.get(ConferenceView.PROP_NEEDS_DISPLAY);
        return v instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(v));
    }

    private static String title(String name) {
        return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
