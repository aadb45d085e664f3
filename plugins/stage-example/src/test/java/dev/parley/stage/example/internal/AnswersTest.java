package dev.parley.stage.example.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class AnswersTest {
    private final Answers answers = new Answers(() -> LocalTime.of(14, 5));

    @Test
    void theBotCountsTheWordsOfAnOrdinaryLine() {
        assertEquals("alice said 3 words (try: time, reverse TEXT)", answers.to("alice", "hello there bot"));
    }

    @Test
    void theBotTellsTheTimeWhenAsked() {
        assertEquals("alice, it is 14:05", answers.to("alice", " Time "));
    }

    @Test
    void theBotReversesText() {
        assertEquals("olleh", answers.to("bob", "reverse hello"));
    }

    @Test
    void theBotNeverAnswersAnotherBotSoTwoBotsCannotTalkForever() {
        assertNull(answers.to("bot-bob", "bob said 2 words"));
    }
}
