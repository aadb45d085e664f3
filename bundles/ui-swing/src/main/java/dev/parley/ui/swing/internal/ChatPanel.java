package dev.parley.ui.swing.internal;

import dev.parley.api.call.ChatMessage;
import java.awt.BorderLayout;
import java.awt.Font;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import javax.swing.text.BadLocationException;
import javax.swing.text.Element;

/** The chat: the history with live lines appended, and an input line that sends on Enter. EDT only. */
final class ChatPanel extends JPanel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
    private final JTextArea history = new JTextArea();
    private final JTextField input = new JTextField();
    private final int maxLines;

    /** @param send called on the EDT with each line the user enters; it may throw to refuse the line */
    ChatPanel(Consumer<String> send, int maxLines) {
        super(new BorderLayout(0, 4));
        this.maxLines = Math.max(10, maxLines);
        setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
        JLabel title = new JLabel("Chat");
        title.setFont(title.getFont().deriveFont(Font.BOLD));
        history.setEditable(false);
        history.setLineWrap(true);
        history.setWrapStyleWord(true);
        input.setToolTipText("Type a line and press Enter to send it to the room");
        input.addActionListener(e -> {
            String text = input.getText().strip();
            if (text.isEmpty()) return;
            try {
                send.accept(text);
                input.setText("");
            } catch (RuntimeException ex) {
                append("! not sent: " + ex.getMessage());
            }
        });
        JPanel line = new JPanel(new BorderLayout(6, 0));
        line.add(new JLabel("Say:"), BorderLayout.WEST);
        line.add(input, BorderLayout.CENTER);
        add(title, BorderLayout.NORTH);
        add(new JScrollPane(history), BorderLayout.CENTER);
        add(line, BorderLayout.SOUTH);
    }

    /** Replaces the shown lines with a call's recent history. */
    void showHistory(List<ChatMessage> messages) {
        history.setText("");
        messages.forEach(this::add);
    }

    void add(ChatMessage m) {
        append("[" + TIME.format(Instant.ofEpochMilli(m.timeMicros() / 1000)) + "] " + (m.self() ? "you" : m.senderName())
                + ": " + m.text());
    }

    void note(String text) {
        append("* " + text);
    }

    private void append(String line) {
        if (history.getDocument().getLength() > 0) history.append("\n");
        history.append(line);
        Element root = history.getDocument().getDefaultRootElement();
        if (root.getElementCount() > maxLines) {
            try {
                history.getDocument().remove(0, root.getElement(root.getElementCount() - maxLines - 1).getEndOffset());
            } catch (BadLocationException e) {
                throw new IllegalStateException(e);
            }
        }
        history.setCaretPosition(history.getDocument().getLength());
    }

    /** The lines shown, as the user reads them. */
    List<String> lines() {
        String text = history.getText();
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    JTextField input() { return input; }
}
