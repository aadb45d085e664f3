package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code parley demo} as a new user runs it: three participants, live figures, chat. */
class DemoIT {
    private static final Pattern STREAM = Pattern.compile("^(\\w+)\\s+(video|audio)\\s+([0-9.]+) fps .*");

    @Test
    void theDemoShowsEveryParticipantsVideoAndAudioMovingAndTheirChat() throws Exception {
        try (ParleyProcess demo = ParleyProcess.start("demo", "demo", "--port", "0")) {
            demo.awaitContaining("ready: relay listening on port");
            demo.await("a chat line", l -> l.matches("^\\[\\d\\d:\\d\\d:\\d\\d] \\d+ \\w+: .+"));
            // Wait for a figures block in which all six streams move, for up to a minute.
            long deadline = System.currentTimeMillis() + 60_000;
            int from = 0;
            while (true) {
                String heading = demo.awaitFrom(from, "a figures block", l -> l.startsWith("-- ") && l.endsWith(" participants --"));
                List<String> lines = demo.lines();
                int at = lines.lastIndexOf(heading);
                demo.awaitFrom(at + 1, "the block's six lines", l -> true);
                while (demo.lineCount() < at + 7) {
                    assertTrue(System.currentTimeMillis() < deadline, "a figures block never complete:\n" + demo.describe());
                    Thread.sleep(20);
                }
                List<String> block = demo.lines().subList(at + 1, at + 7);
                long moving = block.stream().map(STREAM::matcher).filter(Matcher::matches)
                        .filter(m -> Double.parseDouble(m.group(3)) > 0).count();
                if (moving == 6) break;
                from = at + 1;
                assertTrue(System.currentTimeMillis() < deadline, "no block with all six streams moving within 60 s:\n"
                        + demo.describe());
            }
        }
    }
}
