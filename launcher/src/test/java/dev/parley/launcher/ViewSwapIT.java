package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Swapping the user interface of a running client, by shell command and by bundle, while the call goes on. */
class ViewSwapIT {
    @RegisterExtension
    static final XvfbDisplay DISPLAY = new XvfbDisplay();
    private static final Pattern STATS_LINE = Pattern.compile("^\\s+\\d+ (\\w+)\\s+(video|audio)\\s+([0-9.]+) fps .*");

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) running.get(i).close();
    }

    private <T extends AutoCloseable> T keep(T t) {
        running.add(t);
        return t;
    }

    @Test
    void switchingFromConsoleToSwingAndBackMidCallKeepsEveryStreamAndTheChatFlowing() throws Exception {
        int port = ParleyProcess.freePort();
        ParleyProcess server = keep(ParleyProcess.start("server", "server", "--port", String.valueOf(port), "--host", "127.0.0.1"));
        server.awaitContaining("relay listening on port " + port);
        VideoCounter counter = keep(new VideoCounter(port, "swap"));
        ParleyProcess alice = keep(ParleyProcess.start(ParleyProcess.DIST, "alice", DISPLAY.name(),
                "client", "--server", "127.0.0.1:" + port, "--name", "alice", "--room", "swap", "--ui", "console"));
        ParleyProcess bob = keep(ParleyProcess.start("bob", "client", "--server", "127.0.0.1:" + port, "--name", "bob", "--room", "swap"));
        alice.await("being connected", ParleyProcess::saysConnected);
        bob.await("being connected", ParleyProcess::saysConnected);
        alice.await("bob in the roster", l -> l.startsWith("* ") && l.contains(" bob"));

        // The console shows the call: alice's video leaves, bob's arrives.
        mediaFlows(alice, counter);

        int mark = alice.lineCount();
        alice.type("/ui swing");
        alice.awaitFrom(mark, "the switch", l -> l.equals("ui: swing"));
        alice.awaitFrom(mark, "the console letting go", l -> l.equals("* console detached"));
        long before = WindowReport.await(alice, "bob's tile with pictures", r -> r.pictures("bob") > 0).pictures("bob");
        bob.type("said while alice has the window");
        WindowReport.await(alice, "bob's line and his picture moving on", r -> r.pictures("bob") >= before + 10
                && r.chat().stream().anyMatch(l -> l.endsWith("bob: said while alice has the window")));
        mediaFlows(alice, counter);
        alice.type("typed while the window shows");
        bob.awaitContaining("alice: typed while the window shows");

        mark = alice.lineCount();
        alice.type("/ui console");
        alice.awaitFrom(mark, "the console showing the roster at once",
                l -> l.startsWith("* console attached") && l.contains(" bob") && l.contains(" alice"));
        alice.awaitFrom(mark, "the console showing the recent chat at once",
                l -> l.endsWith("bob: said while alice has the window"));
        mediaFlows(alice, counter);
        bob.type("welcome back to the console");
        alice.awaitFrom(mark, "bob's next line", l -> l.endsWith("bob: welcome back to the console"));
        assertTrue(alice.stderr().lines().noneMatch(l -> l.contains("Exception")), alice.describe());
    }

    @Test
    void aSwingBundleDroppedIntoPluginsMidCallShowsTheCallAndTakingItAwayLeavesTheCallRunning() throws Exception {
        Path dist = Files.createTempDirectory("parley-dist-");
        keep(() -> deleteTree(dist)); // closed last, after the process that runs from it
        copy(ParleyProcess.DIST, dist);
        Path swingJar;
        try (Stream<Path> s = Files.list(dist.resolve("bundle"))) {
            swingJar = s.filter(p -> p.getFileName().toString().startsWith("parley-ui-swing-")).findFirst().orElseThrow();
        }
        Path spare = Files.move(swingJar, dist.resolve(swingJar.getFileName()));
        ParleyProcess demo = keep(ParleyProcess.start(dist, "demo-plugin", DISPLAY.name(), "demo", "--ui", "console", "--port", "0"));
        demo.await("the first chat line", l -> l.endsWith("hello everyone, can you see my test pattern?"));

        int mark = demo.lineCount();
        demo.type("/ui swing");
        demo.awaitFrom(mark, "the missing view named", l -> l.equals(
                "parley: no swing view is installed (installed: console); staying with the console"));

        Files.copy(spare, dist.resolve("plugins").resolve(spare.getFileName()));
        String switched = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (switched == null && System.currentTimeMillis() < deadline) {
            mark = demo.lineCount();
            demo.type("/ui swing");
            String answer = demo.awaitFrom(mark, "an answer to ui swing", l -> l.startsWith("ui: ") || l.startsWith("parley: "));
            if (answer.equals("ui: swing")) switched = answer;
            else Thread.sleep(300);
        }
        assertTrue(switched != null, "the dropped-in Swing bundle never became available\n" + demo.describe());
        // The window shows at once what was said before it came, and then the live call.
        WindowReport.await(demo, "three tiles with pictures and the earlier chat", r -> r.tiles().size() == 3
                && r.tiles().stream().allMatch(t -> t.pictures() > 3)
                && r.chat().stream().anyMatch(l -> l.endsWith("hello everyone, can you see my test pattern?")));

        Files.delete(dist.resolve("plugins").resolve(spare.getFileName()));
        WindowReport.await(demo, "no window once its bundle is gone", r -> r.tiles().isEmpty());
        mark = demo.lineCount();
        demo.type("/ui console");
        demo.awaitFrom(mark, "the console taking the call back", l -> l.startsWith("* console attached"));
        demo.awaitFrom(mark, "the call going on", l -> l.matches("^\\[\\d\\d:\\d\\d:\\d\\d] \\d+ \\w+: .+"));
    }

    /**
     * Alice's video reaches the relay, and bob's reaches alice's bus (her stats show it moving). Asks for the stats
     * again until they show it, for up to a minute: right after a switch they may not list bob's video yet, or at
     * 0 fps.
     */
    private static void mediaFlows(ParleyProcess alice, VideoCounter counter) throws Exception {
        counter.awaitMore("alice", 15);
        long deadline = System.currentTimeMillis() + 60_000;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            int mark = alice.lineCount();
            alice.type("/stats");
            String line = alice.pollFrom(mark, 3000, l -> {
                Matcher m = STATS_LINE.matcher(l);
                return m.matches() && m.group(1).equals("bob") && m.group(2).equals("video");
            });
            if (line != null) {
                last = line;
                Matcher m = STATS_LINE.matcher(line);
                assertTrue(m.matches());
                if (Double.parseDouble(m.group(3)) > 0) return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("bob's video never moving in alice's stats within 60 s; last: " + last + "\n"
                + alice.describe());
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
