package dev.parley.ui.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.parley.api.ui.ViewSwitch.ViewUnavailableException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

class ConfigViewSwitchTest {
    private final ConfigurationAdmin admin = mock(ConfigurationAdmin.class);
    private final ServiceComponentRuntime scr = mock(ServiceComponentRuntime.class);
    private final Map<String, Configuration> stored = new HashMap<>();
    private final List<ComponentDescriptionDTO> descriptions = new ArrayList<>();
    private final ConfigViewSwitch views = new ConfigViewSwitch(admin, scr);

    @BeforeEach
    void installConsoleAndSwing() throws Exception {
        descriptions.add(view("console", false));
        descriptions.add(view("swing", true));
        descriptions.add(component("dev.parley.client.internal.ClientComponent", Map.of(), "parley.client"));
        when(scr.getComponentDescriptionDTOs()).thenReturn(descriptions);
        when(admin.listConfigurations(anyString())).thenAnswer(i -> stored.isEmpty() ? null
                : stored.values().toArray(Configuration[]::new));
        when(admin.getConfiguration(anyString(), any())).thenAnswer(i -> configuration(i.getArgument(0)));
        configuration("parley.ui.console").update(new java.util.Hashtable<>(Map.of("parley.ui", "console")));
    }

    @Test
    void theInstalledViewsAreTheComponentsGatedByAParleyUiPid() {
        assertEquals(List.of("console", "swing"), views.installed());
        assertEquals(List.of("console"), views.chosen());
    }

    @Test
    void choosingAViewCreatesItsConfigurationAndDeletesTheOthers() throws Exception {
        descriptions.set(1, view("swing", false));
        Configuration console = stored.get("parley.ui.console");
        views.show("swing");
        verify(console).delete();
        assertEquals(List.of("swing"), views.chosen());
    }

    @Test
    void aViewThatIsNotInstalledIsRefusedAndTheInstalledOnesAreNamed() throws Exception {
        Configuration console = stored.get("parley.ui.console");
        ViewUnavailableException e = assertThrows(ViewUnavailableException.class, () -> views.show("web"));
        assertEquals("no web view is installed (installed: console, swing)", e.getMessage());
        verify(console, never()).delete();
    }

    @Test
    void aViewThatNeedsADisplayIsRefusedOnAHeadlessMachine() throws Exception {
        ViewUnavailableException e = assertThrows(ViewUnavailableException.class, () -> views.show("swing"));
        assertTrue(e.getMessage().startsWith("the Swing UI needs a display ("), e.getMessage());
        assertEquals(List.of("console"), views.chosen());
    }

    @Test
    void theUiCommandSaysWhyInOneLineAndWhichViewStays() {
        UiCommands commands = new UiCommands(views);
        assertEquals("ui: console (installed: console, swing)", commands.ui());
        String answer = commands.ui("swing");
        assertTrue(answer.startsWith("parley: the Swing UI needs a display ("), answer);
        assertTrue(answer.endsWith("); staying with the console"), answer);
        assertEquals("ui: console already", commands.ui("console"));
    }

    /** A configuration that lives in {@code stored} once it has properties, as Config Admin keeps it. */
    private Configuration configuration(String pid) throws Exception {
        Configuration existing = stored.get(pid);
        if (existing != null) return existing;
        Configuration c = mock(Configuration.class);
        Dictionary<?, ?>[] props = new Dictionary<?, ?>[1];
        when(c.getPid()).thenReturn(pid);
        when(c.getProperties()).thenAnswer(i -> props[0]);
        org.mockito.Mockito.doAnswer(i -> {
            props[0] = i.getArgument(0);
            stored.put(pid, c);
            return null;
        }).when(c).update(any());
        org.mockito.Mockito.doAnswer(i -> stored.remove(pid)).when(c).delete();
        return c;
    }

    private static ComponentDescriptionDTO view(String name, boolean needsDisplay) {
        return component("view." + name, Map.of("parley.ui", name, "parley.ui.display", needsDisplay), "parley.ui." + name);
    }

    private static ComponentDescriptionDTO component(String name, Map<String, Object> properties, String pid) {
        ComponentDescriptionDTO d = new ComponentDescriptionDTO();
        d.name = name;
        d.properties = properties;
        d.configurationPid = new String[]{pid};
        return d;
    }
}
