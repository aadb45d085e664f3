package dev.parley.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The relays (and peers) this machine has trusted, as {@code HOST:PORT FINGERPRINT} lines in a text file, like SSH's
 * known_hosts. Lines starting with {@code #} are comments. A null file keeps the list in memory only.
 */
public final class KnownRelays {
    private final Path file;
    private final List<String[]> entries = new ArrayList<>();

    public KnownRelays(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String l = line.strip();
                    if (l.isEmpty() || l.startsWith("#")) continue;
                    String[] parts = l.split("\\s+");
                    if (parts.length == 2) entries.add(new String[] {parts[0].toLowerCase(Locale.ROOT), parts[1]});
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    public Path file() { return file; }

    /** The fingerprint trusted for {@code hostPort}, or null if it was never seen. */
    public synchronized String fingerprint(String hostPort) {
        String key = hostPort.toLowerCase(Locale.ROOT);
        for (String[] e : entries) if (e[0].equals(key)) return e[1];
        return null;
    }

    /** Trusts {@code fingerprint} for {@code hostPort} from now on, and writes the file. */
    public synchronized void remember(String hostPort, String fingerprint) throws IOException {
        String key = hostPort.toLowerCase(Locale.ROOT);
        entries.removeIf(e -> e[0].equals(key));
        entries.add(new String[] {key, fingerprint});
        if (file == null) return;
        List<String> lines = new ArrayList<>();
        lines.add("# Relays and peers trusted by this Parley, one per line: HOST:PORT SHA-256-FINGERPRINT.");
        lines.add("# Delete a line to trust that relay anew (after it was reinstalled and made a new certificate).");
        for (String[] e : entries) lines.add(e[0] + " " + e[1]);
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent() == null ? Path.of(".") : file.getParent(), "known", ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
