package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/STAGES.md, as a team would add it to a running Parley: drop the stage file into
 * config/stages/, try the stage (and be told which jar is missing), drop the plugin jar into plugins/, switch.
 */
class ExampleStageIT {
    @Test
    void aStageAddedWhileParleyRunsNamesItsMissingJarThenRunsOnceTheJarIsDroppedIn() throws Exception {
        Path dist = ParleyProcess.copyOfDistribution();
        int port = ParleyProcess.freePort();
        try (ParleyProcess relay = ParleyProcess.startIn(dist, "relay", "server", "--port", String.valueOf(port), "--host", "127.0.0.1");
             ParleyProcess alice = ParleyProcess.startIn(dist, "alice", "stage", "2", "--server", "127.0.0.1:" + port,
                     "--name", "alice")) {
            relay.awaitContaining("relay listening on port " + port);
            alice.await("being connected", ParleyProcess::saysConnected);

            Files.copy(dist.resolve("extras/parley.stage-6.cfg"), dist.resolve("config/stages/parley.stage-6.cfg"));
            String missing = typeUntil(alice, "/stage 6", l -> l.startsWith("stage 6 not started: stage 6 needs"));
            assertTrue(missing.contains("parley-stage-example.jar") && missing.contains("extras/parley-stage-example.jar into plugins/")
                    && missing.endsWith("stage 2 goes on"), missing);
            // Stage 2 goes on.
            alice.type("still on stage 2");
            alice.awaitContaining("alice: still on stage 2");
            alice.type("/stage");
            alice.awaitContaining("* 2   Relay text chat for many users");

            Files.copy(dist.resolve("extras/parley-stage-example.jar"), dist.resolve("plugins/parley-stage-example.jar"));
            typeUntil(alice, "/stage 6", l -> l.startsWith("* stage 6 (Chat with a bot)"));
            alice.await("the bot joining", l -> l.matches("\\* \\d+ bot-alice joined"));
            alice.type("hello there bot");
            alice.await("the bot's answer", l -> l.matches(".*\\d+ bot-alice: alice said 3 words.*"));
            alice.type("reverse stressed");
            alice.await("the bot reversing", l -> l.endsWith("bot-alice: desserts"));

            // Back to stage 2: the stage's own component (the bot) stops, the call stays.
            int mark = alice.lineCount();
            alice.type("/stage 2");
            alice.awaitFrom(mark, "the bot leaving", l -> l.matches("\\* \\d+ bot-alice left.*"));
            // The same call throughout: alice never lost the relay, and it saw her join once.
            assertTrue(!alice.lostTheRelay(), "alice lost the relay:\n" + alice.describe());
            assertEquals(1, relay.joinsLogged("alice"), "alice joined more than once:\n" + relay.describe());
        }
    }

    /** Types {@code line} every few hundred milliseconds until an output line matches (FileInstall polls twice a second). */
    private static String typeUntil(ParleyProcess p, String line, java.util.function.Predicate<String> match) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            int mark = p.lineCount();
            p.type(line);
            Thread.sleep(500);
            for (String l : p.lines().subList(mark, p.lineCount())) if (match.test(l)) return l;
        }
        throw new AssertionError("typing '" + line + "' never gave the expected answer\n" + p.describe());
    }
}
