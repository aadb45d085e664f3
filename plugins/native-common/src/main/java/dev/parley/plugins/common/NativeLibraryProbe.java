package dev.parley.plugins.common;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Loads a system library through JNA and checks that every function a plugin calls is there; and lets the plugin's
 * classes go again when it is uninstalled.
 */
public final class NativeLibraryProbe {
    private NativeLibraryProbe() {
    }

    /** The library mapped to {@code api}, or empty if it cannot be loaded or lacks one of {@code functions}. */
    public static <T extends Library> Optional<T> load(String name, Class<T> api, List<String> functions, Logger log) {
        try {
            NativeLibrary library = NativeLibrary.getInstance(name);
            // JNA binds functions on first call; look them up now so a too-old library is refused here, not mid-call.
            for (String f : functions) library.getFunction(f);
            return Optional.of(Native.load(name, api));
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            log.debug("Loading lib{} failed", name, e);
            return Optional.empty();
        }
    }

    /**
     * Forgets what {@code Native.load} cached for {@code api}, so that the plugin that mapped it can be collected once
     * it is uninstalled. JNA keeps each mapped interface's options in a static {@code WeakHashMap} whose value names
     * the interface again ({@code "enclosing-library"}), so the entry never clears by itself and every install of a
     * plugin kept its whole class loader (PluginCyclesIT: one per install, about 43 KB). JNA has no call to drop it
     * ({@code Native.unregister} is for direct mapping), hence the reflection; if a JNA release renames the field,
     * this says so in the log and the plugin still works.
     */
    public static void release(Class<?> api, Logger log) {
        try {
            Field field = Native.class.getDeclaredField("typeOptions");
            field.setAccessible(true);
            ((Map<?, ?>) field.get(null)).remove(api);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.info("Could not clear JNA's cache for {} ({}); each reinstall of this plugin keeps some memory", api.getName(), e.toString());
        }
    }
}
