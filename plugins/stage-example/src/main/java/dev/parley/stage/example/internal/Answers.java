package dev.parley.stage.example.internal;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/** What the bot says to a line: plain Java, tested without a framework. */
final class Answers {
    private final Supplier<LocalTime> clock;

    Answers(Supplier<LocalTime> clock) {
        this.clock = clock;
    }

    /** The answer to {@code line} from {@code author}, or null when the bot keeps quiet. */
    String to(String author, String line) {
        // Bots answering bots would talk forever.
        if (author.startsWith("bot-")) return null;
        String text = line.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.equals("time") || lower.equals("what time is it?")) {
            return author + ", it is " + clock.get().format(DateTimeFormatter.ofPattern("HH:mm"));
        }
        if (lower.startsWith("reverse ")) return new StringBuilder(text.substring(8)).reverse().toString();
        int words = text.isEmpty() ? 0 : text.split("\\s+").length;
        return author + " said " + words + (words == 1 ? " word" : " words") + " (try: time, reverse TEXT)";
    }
}
