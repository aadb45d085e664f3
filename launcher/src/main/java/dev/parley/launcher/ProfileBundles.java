package dev.parley.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bundle set of a profile, as the build resolved it: the {@code -runbundles} of
 * {@code profiles/<profile>.bndrun} in the distribution (written by bnd-resolver-maven-plugin, which fails the
 * build when a profile cannot resolve).
 */
final class ProfileBundles {
    private static final Pattern RUNBUNDLE = Pattern.compile("^\\s*([A-Za-z0-9_.\\-]+);version=");

    private ProfileBundles() {
    }

    /** The symbolic names the profile runs, or null when the distribution has no resolved file for it. */
    static Set<String> read(Path bndrun) throws IOException {
        if (!Files.isRegularFile(bndrun)) return null;
        Set<String> names = new LinkedHashSet<>();
        boolean inRunbundles = false;
        for (String line : Files.readAllLines(bndrun)) {
            if (line.startsWith("-runbundles:")) {
                inRunbundles = true;
                continue;
            }
            if (!inRunbundles) continue;
            Matcher m = RUNBUNDLE.matcher(line);
            if (m.find()) names.add(m.group(1));
            if (!line.endsWith("\\")) break;
        }
        if (names.isEmpty()) throw new IOException(bndrun + " lists no -runbundles");
        return names;
    }

    /** A jar's Bundle-SymbolicName without directives, or null for a plain jar. */
    static String symbolicName(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile(), false)) {
            if (f.getManifest() == null) return null;
            String bsn = f.getManifest().getMainAttributes().getValue(new Attributes.Name("Bundle-SymbolicName"));
            if (bsn == null) return null;
            int semi = bsn.indexOf(';');
            return (semi < 0 ? bsn : bsn.substring(0, semi)).trim();
        }
    }
}
