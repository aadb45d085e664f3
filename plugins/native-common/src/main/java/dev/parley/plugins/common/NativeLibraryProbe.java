package dev.parley.plugins.common;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;

/** Loads a system library through JNA and checks that every function a plugin calls is there. */
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
}
