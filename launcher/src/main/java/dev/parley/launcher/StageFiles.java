package dev.parley.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The stage files of the distribution ({@code config/stages/*.cfg}), read before the framework starts so that
 * {@code parley stage N} can refuse an unknown stage at once and bring in the plugin a stage needs from
 * {@code extras/}. Inside the framework the same files reach the stage controller through FileInstall.
 */
final class StageFiles {
    /** The few keys the launcher needs of a stage file. */
    record Entry(String id, String transport, String plugin) {
        boolean peerToPeer() { return transport.equalsIgnoreCase("p2p"); }

        boolean relay() { return transport.equalsIgnoreCase("relay"); }
    }

    private StageFiles() {
    }

    static List<Entry> read(Path home) {
        Path dir = home.resolve("config/stages");
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) return out;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".cfg")).sorted().toList();
        } catch (IOException e) {
            return out;
        }
        for (Path f : files) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                continue;
            }
            String id = p.getProperty("id", "").strip();
            if (!id.isEmpty()) {
                out.add(new Entry(id, p.getProperty("transport", "relay").strip(), p.getProperty("plugin", "").strip()));
            }
        }
        return out;
    }

    static Entry find(Path home, String id) {
        List<Entry> all = read(home);
        for (Entry e : all) if (e.id().equals(id)) return e;
        throw new Options.UsageException("there is no stage " + id + " in " + home.resolve("config/stages")
                + (all.isEmpty() ? "" : " (stages: " + String.join(", ", all.stream().map(Entry::id).toList()) + ")"));
    }

    /**
     * Copies the stage's plugin from {@code extras/} into {@code plugins/} when it is not there yet, so that
     * {@code parley stage 1} works out of the box; FileInstall then installs it like any dropped-in plugin.
     */
    static void installPlugin(Path home, Entry stage) {
        if (stage.plugin().isEmpty()) return;
        installFromExtras(home, stage.plugin(), "stage " + stage.id());
    }

    /**
     * Copies {@code jar} from {@code extras/} into {@code plugins/} when it is not there yet, or when the one in
     * {@code extras/} is newer (the distribution was updated since it was copied: an old page or stage would otherwise
     * stay); FileInstall then installs it like any dropped-in plugin, and deleting it from {@code plugins/} removes it
     * again. A plugin in {@code plugins/} newer than the one in {@code extras/} (a user's own build) is kept.
     *
     * @param who what needs it, for the message ("stage 1", "--web")
     */
    static void installFromExtras(Path home, String jar, String who) {
        Path target = home.resolve("plugins").resolve(jar);
        Path source = home.resolve("extras").resolve(jar);
        if (!Files.exists(source)) {
            if (!Files.exists(target)) {
                System.err.println("parley: " + who + " needs the plugin " + jar + ", which is neither in plugins/ nor in extras/");
            }
            return;
        }
        try {
            boolean present = Files.exists(target);
            if (present && Files.getLastModifiedTime(source).compareTo(Files.getLastModifiedTime(target)) <= 0) return;
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("parley: " + who + " needs " + jar + ": " + (present
                    ? "replaced the older copy in plugins/ with the one in extras/"
                    : "installed it from extras/ into plugins/"));
        } catch (IOException e) {
            System.err.println("parley: could not copy " + source + " into plugins/: " + e.getMessage());
        }
    }
}
