package dev.parley.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The distribution's {@code config/PID.cfg} files: a user's settings for a component, in Java properties format
 * with a comment per key. A profile's configuration for a PID is the file's values overridden by what the command
 * line (or the profile itself) sets; a file never switches a component on by itself, it only gives values to a
 * configuration the profile creates. Edited files are applied again while Parley runs.
 */
final class ConfigFiles {
    private final Path dir;

    ConfigFiles(Path home) {
        this.dir = home.resolve("config");
    }

    /** The file's settings for {@code pid}, empty if there is no such file. */
    Map<String, String> read(String pid) {
        Path file = dir.resolve(pid + ".cfg");
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) return out;
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("[WARN] parley: could not read " + file + ": " + e.getMessage() + "; using the defaults");
            return out;
        }
        for (String key : p.stringPropertyNames()) out.put(key, p.getProperty(key).strip());
        return out;
    }

    /** The file's values with {@code overrides} (command line and profile) on top. */
    Hashtable<String, Object> merged(String pid, Map<String, Object> overrides) {
        Hashtable<String, Object> out = new Hashtable<>(read(pid));
        out.putAll(overrides);
        return out;
    }

    /**
     * Watches {@code config/} on a daemon thread and tells {@code changed} the PID of every {@code .cfg} file
     * created or modified there, until the JVM ends.
     */
    void watch(Consumer<String> changed) {
        if (!Files.isDirectory(dir)) return;
        WatchService watcher;
        try {
            watcher = dir.getFileSystem().newWatchService();
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            System.err.println("[WARN] parley: edits to " + dir + " will not be applied while running: " + e.getMessage());
            return;
        }
        Thread t = new Thread(() -> {
            try {
                for (;;) {
                    WatchKey key = watcher.take();
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (!(event.context() instanceof Path name)) continue;
                        String file = name.toString();
                        if (file.endsWith(".cfg")) changed.accept(file.substring(0, file.length() - 4));
                    }
                    if (!key.reset()) return;
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // Parley is stopping.
            }
        }, "parley-config-watch");
        t.setDaemon(true);
        t.start();
    }
}
