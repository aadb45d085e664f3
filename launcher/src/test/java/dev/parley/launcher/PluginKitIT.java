package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.BlockingWireClient;
import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/PLUGINS.md as a newcomer follows it: install Parley's API into the local Maven repository, copy the example
 * codec out of the source tree, build it there with nothing but its own pom, drop the jar into a running call, and
 * see its codec id on the wire.
 */
class PluginKitIT {
    private static final Path SOURCE = Path.of(System.getProperty("parley.source", "..")).toAbsolutePath().normalize();

    @Test
    void theExampleCodecCopiedOutOfTheTreeBuildsAndGoesLiveInACall() throws Exception {
        // 1. What the guide says first: mvn -B install at the root. The parent and the API are what a plugin needs.
        maven(SOURCE, "-N", "install");
        maven(SOURCE, "install", "-pl", "bundles/api", "-DskipTests");
        // 2. The example, copied anywhere, builds alone.
        Path outside = Files.createTempDirectory("my-codec-");
        copy(SOURCE.resolve("plugins/codec-example"), outside);
        maven(outside, "package");
        Path jar = outside.resolve("target/parley-codec-example.jar");
        assertTrue(Files.isRegularFile(jar), "the plugin jar was built outside the tree");

        // 3. Dropped into a running call, the codec goes live and is heard on the wire.
        Path dist = ParleyProcess.copyOfDistribution();
        int port = ParleyProcess.freePort();
        try (ParleyProcess demo = ParleyProcess.startIn(dist, "demo", "demo", "--port", String.valueOf(port),
                "--names", "alice,bob");
             BlockingWireClient listener = listen(demo, port)) {
            assertEquals("pcm-s16le", audioCodecName(listener), "before the plugin: raw PCM");
            Files.copy(jar, dist.resolve("plugins/parley-codec-example.jar.part"));
            Files.move(dist.resolve("plugins/parley-codec-example.jar.part"), dist.resolve("plugins/parley-codec-example.jar"),
                    StandardCopyOption.ATOMIC_MOVE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String codec = "";
            while (!codec.startsWith("pcmu;rate=") && System.nanoTime() < deadline) codec = audioCodec(listener);
            assertTrue(codec.startsWith("pcmu;rate="), "the example codec on the wire: " + codec);
        }
    }

    private static BlockingWireClient listen(ParleyProcess demo, int port) throws Exception {
        demo.awaitContaining("ready: relay listening on port " + port);
        // Long enough for the TLS handshake and WELCOME of a relay just started on a busy machine; the reads after
        // the join go on past timeouts anyway.
        BlockingWireClient wire = TestTls.connect(port, 30_000);
        wire.join("listener", "demo");
        wire.socket().setSoTimeout(1000);
        wire.send(new Messages.Codecs(0, List.of("jpeg", "pcm-s16le", "pcmu")).toFrame());
        return wire;
    }

    /** The codec id of the next AUDIO frame. */
    private static String audioCodec(BlockingWireClient wire) throws IOException {
        int video = 0;
        while (true) {
            Frame f;
            try {
                f = wire.read();
            } catch (SocketTimeoutException e) {
                continue;
            }
            try {
                if (f.type() == MessageType.VIDEO) wire.send(new Messages.Received(++video).toFrame());
                if (f.type() == MessageType.AUDIO) return f.codec();
            } finally {
                f.release();
            }
        }
    }

    private static String audioCodecName(BlockingWireClient wire) throws IOException {
        String id = audioCodec(wire);
        int semicolon = id.indexOf(';');
        return semicolon < 0 ? id : id.substring(0, semicolon);
    }

    private static void maven(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("mvn", "-B", "-q"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile("parley-mvn-", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", args) + " did not finish in " + dir);
        }
        assertEquals(0, p.exitValue(), () -> "mvn " + String.join(" ", args) + " failed in " + dir + ":\n" + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = from.relativize(p);
                if (rel.startsWith("target")) continue;
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(p)) Files.createDirectories(dest);
                else Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
