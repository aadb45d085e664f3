package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * No Java serialization anywhere in Parley: the lab's video stage deserialised objects from the network, which let
 * anyone on the LAN run code on the receiver. Every class of Parley's own in the distribution (core bundles, the
 * launcher, the plugins in extras/) is searched for a use of {@code ObjectInputStream} or {@code ObjectOutputStream}.
 * Libraries inlined into a bundle (the bench's chart library) are not Parley's code and are left out.
 */
class NoSerializationIT {
    private static final List<String> FORBIDDEN = List.of("java/io/ObjectInputStream", "java/io/ObjectOutputStream");

    @Test
    void noParleyClassReadsOrWritesJavaSerialization() throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String dir : List.of("bundle", "lib", "extras")) {
            try (Stream<Path> s = Files.list(ParleyProcess.DIST.resolve(dir))) {
                s.filter(p -> p.getFileName().toString().startsWith("parley-") && p.toString().endsWith(".jar")).forEach(jars::add);
            }
        }
        assertTrue(jars.size() >= 15, "the distribution's Parley jars: " + jars);
        int classes = 0;
        List<String> offenders = new ArrayList<>();
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                    if (!e.getName().startsWith("dev/parley/") || !e.getName().endsWith(".class")) continue;
                    classes++;
                    byte[] bytes;
                    try (InputStream in = zip.getInputStream(e)) {
                        bytes = in.readAllBytes();
                    }
                    // Class names a class uses are in its constant pool as modified UTF-8: plain ASCII here.
                    String text = new String(bytes, StandardCharsets.ISO_8859_1);
                    for (String f : FORBIDDEN) if (text.contains(f)) offenders.add(jar.getFileName() + "!" + e.getName() + " uses " + f);
                }
            }
        }
        assertTrue(classes > 200, "classes searched: " + classes);
        assertEquals(List.of(), offenders);
    }
}
