package dev.parley.stages.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.MediaKind;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Every key a stage writes (into the client, peer, relay and plain-text port configurations, and the example
 * stage's bot) is one the target component declares in its metatype: renaming a client setting would otherwise
 * still compile and silently break the stages.
 */
class StagePlanKeysTest {
    private static final Pattern OCD = Pattern.compile("<OCD id=\"([^\"]+)\"(.*?)</OCD>", Pattern.DOTALL);
    private static final Pattern AD = Pattern.compile("<AD id=\"([^\"]+)\"");
    private static final Pattern DESIGNATE = Pattern.compile("<Designate (?:factoryPid|pid)=\"([^\"]+)\".*?ocdref=\"([^\"]+)\"", Pattern.DOTALL);

    static Map<String, Set<String>> metatype() throws IOException {
        Map<String, Set<String>> byOcd = new HashMap<>();
        Map<String, String> pidToOcd = new HashMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            for (String xml : metatypeFiles(new File(entry))) {
                Matcher o = OCD.matcher(xml);
                while (o.find()) {
                    Set<String> ids = new HashSet<>();
                    Matcher a = AD.matcher(o.group(2));
                    while (a.find()) ids.add(a.group(1));
                    byOcd.put(o.group(1), ids);
                }
                Matcher d = DESIGNATE.matcher(xml);
                while (d.find()) pidToOcd.put(d.group(1), d.group(2));
            }
        }
        Map<String, Set<String>> out = new HashMap<>();
        pidToOcd.forEach((pid, ocd) -> out.put(pid, byOcd.getOrDefault(ocd, Set.of())));
        return out;
    }

    /** The metatype XML of one class path entry: a jar, or a module's classes folder in a reactor build. */
    private static List<String> metatypeFiles(File entry) throws IOException {
        List<String> out = new ArrayList<>();
        if (entry.isDirectory()) {
            Path dir = entry.toPath().resolve("OSGI-INF/metatype");
            if (!Files.isDirectory(dir)) return out;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) out.add(Files.readString(f));
            }
        } else if (entry.getName().endsWith(".jar")) {
            try (ZipFile zip = new ZipFile(entry)) {
                for (ZipEntry e : Collections.list(zip.entries())) {
                    if (!e.getName().startsWith("OSGI-INF/metatype/") || !e.getName().endsWith(".xml")) continue;
                    try (InputStream in = zip.getInputStream(e)) {
                        out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void everyKeyOfEveryKindOfStagePlanIsDeclaredByItsComponent() throws IOException {
        Map<String, Set<String>> declared = metatype();
        assertTrue(declared.keySet().containsAll(List.of("parley.client", "parley.p2p", "parley.media", "parley.relay", "parley.relay.text",
                "parley.example.bot")), "metatype found: " + declared.keySet());
        Stage.Choice all = new Stage.Choice("test-pattern", "tone", "jpeg", "pcm-s16le", 320, 240, 10, 48000);
        Set<MediaKind> everything = EnumSet.allOf(MediaKind.class);
        Stage relay = new Stage("r", "", Stage.Transport.RELAY, everything, 9999, "", "", List.of("parley.example.bot"), all);
        Stage peer = new Stage("p", "", Stage.Transport.P2P, everything, 0, "", "", List.of(), all);
        SessionOptions o = SessionOptions.defaults().with(Map.of("name", "a", "room", "r", "server", "h:7001", "fps", "12",
                "trust", "00".repeat(32)), Stage.Transport.RELAY);
        List<StagePlan> plans = List.of(
                StagePlan.of(relay, o),
                StagePlan.of(relay, o.with(Map.of("serve", "true", "plaintext", "true"), Stage.Transport.RELAY)),
                StagePlan.of(peer, o.with(Map.of("listen", "9100"), Stage.Transport.P2P)),
                StagePlan.of(peer, o.with(Map.of("connect", "h:9100", "plaintext", "true"), Stage.Transport.P2P)));
        List<String> unknown = new ArrayList<>();
        for (StagePlan plan : plans) {
            plan.configurations().forEach((pid, values) -> {
                Set<String> keys = declared.get(pid);
                if (keys == null) {
                    unknown.add(pid + " (no component declares it)");
                    return;
                }
                for (String key : values.keySet()) if (!keys.contains(key)) unknown.add(pid + "." + key);
            });
        }
        assertEquals(List.of(), unknown);
    }
}
