package dev.parley.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A running participant switches stages 4 → 5 → 4 while an observer on the same relay watches its streams. */
class StageSwitchIT {
    @Test
    void switchingFromFourToFiveAndBackAddsAndRemovesAudioOnTheRunningCallWithoutReconnecting() throws Exception {
        int port = ParleyProcess.freePort();
        try (ParleyProcess relay = ParleyProcess.start("relay", "server", "--port", String.valueOf(port), "--host", "127.0.0.1");
             ParleyProcess alice = ParleyProcess.start("alice", "stage", "4", "--server", "127.0.0.1:" + port,
                     "--name", "alice", "--room", "switch")) {
            relay.awaitContaining("relay listening on port " + port);
            alice.awaitContaining("* stage 4 (Relay multi-user video)");
            alice.await("being connected", ParleyProcess::saysConnected);
            try (RoomObserver observer = new RoomObserver(port, "switch")) {
                // Stage 4: video only.
                observer.awaitVideo("alice", 15);
                assertEquals(0, observer.audioCount("alice"), "stage 4 sends no audio");

                int mark = alice.lineCount();
                alice.type("/stage 5");
                alice.awaitFrom(mark, "the switch to stage 5", l -> l.startsWith("* stage 5 ("));
                observer.awaitAudio("alice", 50);
                observer.awaitVideo("alice", observer.videoCount("alice") + 15);

                mark = alice.lineCount();
                alice.type("/stage 4");
                alice.awaitFrom(mark, "the switch back to stage 4", l -> l.startsWith("* stage 4 ("));
                // Audio stops: a second of video (15 frames) passes with no new audio frame.
                boolean audioStopped = false;
                for (int attempt = 0; attempt < 30 && !audioStopped; attempt++) {
                    int audio = observer.audioCount("alice");
                    observer.awaitVideo("alice", observer.videoCount("alice") + 15);
                    audioStopped = observer.audioCount("alice") == audio;
                }
                assertTrue(audioStopped, "alice still sends audio after switching back to stage 4");
                observer.awaitVideo("alice", observer.videoCount("alice") + 15);

                // The same call throughout: alice joined once, never left, and her video never restarted.
                assertEquals(1, observer.joined().stream().filter("alice"::equals).count(), "alice joined again: " + observer.joined());
                assertTrue(observer.left().isEmpty(), "someone left: " + observer.left());
                List<Long> sequences = observer.videoSequences("alice");
                for (int i = 1; i < sequences.size(); i++) {
                    assertTrue(sequences.get(i) > sequences.get(i - 1),
                            "alice's video restarted at frame " + i + ": " + sequences.get(i - 1) + " then " + sequences.get(i));
                }
                assertTrue(!alice.lostTheRelay(), "alice lost the relay:\n" + alice.describe());
                assertEquals(1, relay.joinsLogged("alice"), "alice connected more than once:\n" + relay.describe());
            }
        }
    }
}
