package dev.parley.ui.swing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.call.ChatMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

class ChatPanelTest {
    @Test
    void pressingEnterSendsTheLineAndClearsTheInput() throws Exception {
        List<String> sent = new ArrayList<>();
        onEdt(() -> {
            ChatPanel chat = new ChatPanel(sent::add, 100);
            chat.input().setText("  hello room  ");
            chat.input().postActionEvent();
            assertEquals(List.of("hello room"), sent);
            assertEquals("", chat.input().getText());
            chat.input().postActionEvent();
            assertEquals(1, sent.size(), "an empty line is not sent");
        });
    }

    @Test
    void aLineTheCallRefusesStaysInTheInputAndTheChatSaysWhy() throws Exception {
        onEdt(() -> {
            ChatPanel chat = new ChatPanel(t -> { throw new IllegalArgumentException("chat line longer than 4096 bytes"); }, 100);
            chat.input().setText("x".repeat(5000));
            chat.input().postActionEvent();
            assertEquals(5000, chat.input().getText().length());
            assertEquals(List.of("! not sent: chat line longer than 4096 bytes"), chat.lines());
        });
    }

    @Test
    void theHistoryShowsAtOnceAndOnlyTheNewestLinesAreKept() throws Exception {
        List<ChatMessage> history = new ArrayList<>();
        for (int i = 0; i < 30; i++) history.add(new ChatMessage(2, "bob", "line " + i, 1_700_000_000_000_000L, false));
        AtomicReference<List<String>> lines = new AtomicReference<>();
        onEdt(() -> {
            ChatPanel chat = new ChatPanel(t -> { }, 10);
            chat.showHistory(history);
            chat.add(new ChatMessage(1, "alice", "mine", 1_700_000_000_000_000L, true));
            lines.set(chat.lines());
        });
        assertEquals(10, lines.get().size());
        assertTrue(lines.get().get(0).endsWith("bob: line 21"), lines.get().get(0));
        assertTrue(lines.get().get(9).endsWith("you: mine"), lines.get().get(9));
    }

    /** Runs on the EDT and rethrows what failed there. */
    static void onEdt(Runnable r) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> {
            try {
                r.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        if (failure.get() instanceof Error e) throw e;
        if (failure.get() instanceof Exception e) throw e;
    }
}
