package dev.parley.bench.internal;

import dev.parley.bench.load.LoadGenerator;
import dev.parley.bench.load.LoadResult;
import dev.parley.security.Tls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Runs the synthetic participants as a JVM of their own ({@link LoadGenerator}), never in the relay's process: the
 * relay's CPU is then the relay's alone, and the load's is measured apart. The class path is the bench, protocol
 * and Netty jars beside this bundle's own jar.
 */
final class LoadProcess {
    /** Told when the load process opens and closes its measuring window. */
    interface Window {
        void opened();

        void closed();
    }

    private final Path jars;

    /** @param benchJar where this bundle was installed from: its folder holds the jars the load process needs */
    LoadProcess(Path benchJar) {
        this.jars = benchJar.getParent();
    }

    static Path jarOf(String bundleLocation) {
        String location = bundleLocation.startsWith("reference:") ? bundleLocation.substring("reference:".length()) : bundleLocation;
        return Path.of(URI.create(location));
    }

    /** Runs one load; {@code progress} gets its progress lines. */
    LoadResult run(List<String> planArgs, Window window, PrintStream progress) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        command.add("-Dio.netty.leakDetection.level=disabled");
        // The participants use the TLS the relay uses, so that -Dparley.tls=jdk measures the JDK's at both ends.
        String tls = System.getProperty(Tls.IMPLEMENTATION_PROPERTY);
        if (tls != null) command.add("-D" + Tls.IMPLEMENTATION_PROPERTY + "=" + tls);
        command.add("-cp");
        command.add(classPath());
        command.add(LoadGenerator.class.getName());
        command.addAll(planArgs);
        Process process = new ProcessBuilder(command).start();
        Thread errors = new Thread(() -> forward(process, progress), "parley-bench-progress");
        errors.setDaemon(true);
        errors.start();
        StringBuilder result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                switch (line) {
                    case "MEASURE_START" -> window.opened();
                    case "MEASURE_END" -> window.closed();
                    case "RESULT_BEGIN" -> result = new StringBuilder();
                    case "RESULT_END" -> { }
                    default -> {
                        if (result != null) result.append(line).append('\n');
                    }
                }
            }
        }
        int exit = process.waitFor();
        errors.join(2000);
        if (exit != 0 || result == null) {
            throw new IOException("the load process failed (exit " + exit + "); its messages are above");
        }
        Properties p = new Properties();
        p.load(new StringReader(result.toString()));
        return LoadResult.fromProperties(p);
    }

    private static void forward(Process process, PrintStream progress) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = err.readLine()) != null) {
                progress.println(line);
                progress.flush();
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    private String classPath() throws IOException {
        List<String> entries = new ArrayList<>();
        try (Stream<Path> s = Files.list(jars)) {
            s.filter(p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".jar") && (name.startsWith("netty-") || name.startsWith("parley-bench")
                        || name.startsWith("parley-protocol") || name.startsWith("parley-security"));
            }).sorted().forEach(p -> entries.add(p.toString()));
        }
        if (entries.stream().noneMatch(e -> e.contains("parley-protocol"))) {
            throw new IOException("no parley-protocol jar beside the bench in " + jars);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
