package dev.parley.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankedListTest {
    @Test
    void highestRankingFirstThenTheOldestAndAChangedRankingMovesAService() {
        RankedList<String> list = new RankedList<>();
        list.add("old-zero", Map.of("service.ranking", 0, "service.id", 5L));
        list.add("ten", Map.of("service.ranking", 10, "service.id", 9L));
        list.add("new-zero", Map.of("service.ranking", 0, "service.id", 7L));
        list.add("unranked", Map.of("service.id", 3L));
        assertEquals(List.of("ten", "unranked", "old-zero", "new-zero"), list.all());
        assertEquals(10, list.ranking("ten"));
        list.add("new-zero", Map.of("service.ranking", 20, "service.id", 7L));
        assertEquals(List.of("new-zero", "ten", "unranked", "old-zero"), list.all());
        assertEquals(20, list.ranked().get(0).ranking());
        list.remove("ten");
        assertEquals(List.of("new-zero", "unranked", "old-zero"), list.all());
        assertEquals("unranked", list.best(s -> !s.startsWith("new")).orElseThrow());
        assertEquals(0, list.ranking("gone"));
    }
}
