package dev.parley.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The assembled distribution's {@code bin/parley}, run as a user runs it: standard input piped (so a client sends
 * each line as chat), standard output collected line by line, standard error kept in a file for failures.
 */
final class ParleyProcess implements AutoCloseable {
    static final Path DIST = Path.of(System.getProperty("parley.dist", "target/parley"));
    private static final long WAIT_MILLIS = 60_000;

    private final String label;
    private final Process process;
    private final Writer stdin;
    private final List<String> lines = new ArrayList<>();
    private final Path stderr;

    private ParleyProcess(String label, Process process, Path stderr) {
        this.label = label;
        this.process = process;
        this.stderr = stderr;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::collect, "stdout-" + label);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code bin/parley} of the distribution under test with no display, so it runs headless. */
    static ParleyProcess start(String label, String... args) throws IOException {
        return start(DIST, label, null, args);
    }

    /** Runs the {@code bin/parley} of another distribution folder, such as a copy a test changes, headless. */
    static ParleyProcess startIn(Path dist, String label, String... args) throws IOException {
        return start(dist, label, null, args);
    }

    /**
     * Starts {@code bin/parley} of the distribution in {@code dist}.
     *
     * @param display the X display to show windows on (see {@link XvfbDisplay}), or null to run headless
     */
    static ParleyProcess start(Path dist, String label, String display, String... args) throws IOException {
        // Relays of different copies of the distribution have different certificates, and ports come back: what an
        // earlier test's client trusted on a port must not make a later test's client refuse the relay there.
        Files.deleteIfExists(dist.resolve("config/known-relays"));
        List<String> command = new ArrayList<>();
        command.add(dist.resolve("bin/parley").toString());
        command.addAll(List.of(args));
        Path err = Files.createTempFile("parley-" + label + "-", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(err.toFile());
        if (display == null) {
            pb.environment().remove("DISPLAY");
        } else {
            pb.environment().put("DISPLAY", display);
        }
        return new ParleyProcess(label, pb.start(), err);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void collect() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    /** Sends one line to the process's standard input. */
    void type(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    /** Waits for an output line that matches and returns it; fails the test with the output so far if none comes. */
    String await(String what, Predicate<String> match) throws InterruptedException {
        return awaitFrom(0, what, match);
    }

    /** Like {@link #await}, looking only at lines from index {@code from} on. */
    String awaitFrom(int from, String what, Predicate<String> match) throws InterruptedException {
        String line = pollFrom(from, WAIT_MILLIS, match);
        if (line == null) throw new AssertionError(label + " never printed " + what + "\n" + describe());
        return line;
    }

    /**
     * Like {@link #awaitFrom} but for at most {@code millis}, and without failing: the matching line, or null if none
     * came in that time (for a test that asks again, such as a command whose answer may not show it yet).
     */
    String pollFrom(int from, long millis, Predicate<String> match) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (lines) {
            int i = from;
            while (true) {
                for (; i < lines.size(); i++) if (match.test(lines.get(i))) return lines.get(i);
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || !process.isAlive()) return null;
                lines.wait(Math.min(left, 200));
            }
        }
    }

    /** The console view says it is connected, as a state change or when it attached to a connected call. */
    static boolean saysConnected(String line) {
        return line.startsWith("* connected") || line.startsWith("* console attached") && line.contains("(connected)");
    }

    /**
     * Whether the console view said "reconnecting" after it had been connected: the call lost the relay. (Before the
     * first connection it says so too when it started before the relay listened, and that is no loss.)
     */
    boolean lostTheRelay() {
        List<String> all = lines();
        for (int i = 0; i < all.size(); i++) {
            if (saysConnected(all.get(i))) {
                return all.subList(i, all.size()).stream().anyMatch(l -> l.startsWith("* reconnecting"));
            }
        }
        return false;
    }

    /**
     * How often this relay logged {@code name} joining a room on its wire port so far. A view may print "connected"
     * twice for one connection (it listens before it attaches, so as not to miss the event), the relay's log not.
     */
    long joinsLogged(String name) {
        String joined = "RelayConnection - " + name + " joined room ";
        return stderr().lines().filter(l -> l.contains(joined)).count();
    }

    /** Waits for standard error (the log) to contain {@code text}. */
    void awaitLog(String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (!stderr().contains(text)) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError(label + " never logged '" + text + "'\n" + describe());
            Thread.sleep(100);
        }
    }

    /** A copy of the distribution in a temporary folder, for tests that change its plugins/ or config/. */
    static Path copyOfDistribution() throws IOException {
        Path target = Files.createTempDirectory("parley-dist-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(target)));
        try (java.util.stream.Stream<Path> files = Files.walk(DIST)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(DIST.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return target;
    }

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover copy in the temp folder does no harm.
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String awaitContaining(String text) throws InterruptedException {
        return await("a line containing '" + text + "'", l -> l.contains(text));
    }

    int lineCount() {
        synchronized (lines) {
            return lines.size();
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Waits up to 60 s for the process to end by itself and returns its exit code. */
    int awaitExit() throws InterruptedException {
        return awaitExit(60);
    }

    /** Waits up to {@code seconds} for the process to end by itself and returns its exit code. */
    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError(label + " did not exit within " + seconds + " s\n" + describe());
        }
        return process.exitValue();
    }

    /** Kills the process at once, as a crash or a pulled cable would. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** What the process wrote to standard error so far. */
    String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            return e.toString();
        }
    }

    String describe() {
        String err = stderr();
        return "--- " + label + " stdout ---\n" + String.join("\n", lines()) + "\n--- " + label + " stderr ---\n" + err;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
