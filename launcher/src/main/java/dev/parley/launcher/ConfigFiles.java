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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The settings files of a distribution, {@code PID.cfg} in Java properties format: {@code config/} holds the
 * defaults of every component a user may tune, with a comment per key; a file of the same name dropped into
 * {@code plugins/} overrides single keys of it (it does not replace the whole configuration); the command line
 * overrides both. One precedence, lowest first: the component's own defaults, {@code config/}, {@code plugins/},
 * the command line. Files that switch a component on ({@link #GATED}: a relay, a client...) only give values to a
 * configuration the profile creates; the others (codecs, capture, the bus) apply whatever the profile. Edited,
 * added and deleted files are applied again while Parley runs.
 */
final class ConfigFiles {
    /**
     * Configurations whose mere existence starts something, or which a stage sets as a whole: a file never creates
     * them, it only gives values when the command line asked for the component. A {@code parley.relay.cfg} must not
     * start a relay in a client, and a {@code parley.media.cfg} must not turn video on in a text-only stage.
     */
    static final List<String> GATED = List.of("parley.relay", "parley.relay.text", "parley.client", "parley.demo",
            "parley.bench", "parley.stages", "parley.p2p", "parley.media", "parley.capture.audio.file",
            "parley.capture.video.file", "parley.sink.record", "parley.console.stdin", "parley.console.stats", "parley.ui.");

    private final List<Path> dirs;

    ConfigFiles(Path home) {
        this.dirs = List.of(home.resolve("config"), home.resolve("plugins"));
    }

    static boolean gated(String pid) {
        for (String g : GATED) if (g.endsWith(".") ? pid.startsWith(g) : pid.equals(g)) return true;
        return false;
    }

    /** {@code config/PID.cfg} with {@code plugins/PID.cfg} on top; empty if there is neither. */
    Map<String, String> read(String pid) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path dir : dirs) out.putAll(readFile(dir.resolve(pid + ".cfg")));
        return out;
    }

    private static Map<String, String> readFile(Path file) {
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

    /** The files' values with {@code overrides} (command line and profile) on top. */
    Hashtable<String, Object> merged(String pid, Map<String, Object> overrides) {
        Hashtable<String, Object> out = new Hashtable<>(read(pid));
        out.putAll(overrides);
        return out;
    }

    /**
     * The PIDs of every settings file present. Factory configurations ({@code name-instance.cfg}, such as the
     * stage files) are FileInstall's and are left out.
     */
    Set<String> pids() {
        Set<String> out = new TreeSet<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                files.map(p -> p.getFileName().toString()).filter(ConfigFiles::isSettings)
                        .forEach(n -> out.add(n.substring(0, n.length() - 4)));
            } catch (IOException e) {
                System.err.println("[WARN] parley: cannot list " + dir + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static boolean isSettings(String fileName) {
        return fileName.endsWith(".cfg") && fileName.indexOf('-') < 0;
    }

    /**
     * Watches {@code config/} and {@code plugins/} on a daemon thread and tells {@code changed} the PID of every
     * settings file created, modified or deleted there, until the JVM ends.
     */
    void watch(Consumer<String> changed) {
        WatchService watcher;
        try {
            watcher = dirs.get(0).getFileSystem().newWatchService();
            for (Path dir : dirs) {
                if (Files.isDirectory(dir)) {
                    dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                            StandardWatchEventKinds.ENTRY_DELETE);
                }
            }
        } catch (IOException e) {
            System.err.println("[WARN] parley: edits to settings files will not be applied while running: " + e.getMessage());
            return;
        }
        Thread t = new Thread(() -> {
            try {
                for (;;) {
                    WatchKey key = watcher.take();
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (!(event.context() instanceof Path name)) continue;
                        String file = name.toString();
                        if (isSettings(file)) changed.accept(file.substring(0, file.length() - 4));
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
