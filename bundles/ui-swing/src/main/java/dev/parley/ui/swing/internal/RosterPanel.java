package dev.parley.ui.swing.internal;

import dev.parley.api.call.Participant;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Font;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JSplitPane;
import javax.swing.JTextArea;

/** Who is in the room, and a log of who joined and left. EDT only. */
final class RosterPanel extends JPanel {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final DefaultListModel<Participant> people = new DefaultListModel<>();
    private final JTextArea events = new JTextArea(4, 20);
    private final JLabel title = new JLabel();

    RosterPanel() {
        super(new BorderLayout(0, 4));
        setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
        title.setFont(title.getFont().deriveFont(Font.BOLD));
        JList<Participant> list = new JList<>(people);
        list.setCellRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> l, Object value, int index, boolean selected, boolean focus) {
                Participant p = (Participant) value;
                return super.getListCellRendererComponent(l, "\u25CF " + p.name() + (p.self() ? " (you)" : "") + "   #" + p.id(),
                        index, selected, focus);
            }
        });
        events.setEditable(false);
        events.setFont(events.getFont().deriveFont(11f));
        JSplitPane split = new JSplitPane(JSplitPane.VERTICAL_SPLIT, new JScrollPane(list), new JScrollPane(events));
        split.setResizeWeight(0.6);
        split.setBorder(null);
        add(title, BorderLayout.NORTH);
        add(split, BorderLayout.CENTER);
        updateTitle();
    }

    void showRoster(List<Participant> roster) {
        people.clear();
        roster.forEach(this::insert);
        updateTitle();
    }

    void joined(Participant p) {
        removePerson(p.id());
        insert(p);
        event(p.name() + (p.self() ? " (you)" : "") + " joined");
        updateTitle();
    }

    void left(Participant p, String reason) {
        removePerson(p.id());
        event(p.name() + " left (" + reason + ")");
        updateTitle();
    }

    void event(String text) {
        if (events.getDocument().getLength() > 0) events.append("\n");
        events.append(LocalTime.now().format(TIME) + "  " + text);
        events.setCaretPosition(events.getDocument().getLength());
    }

    List<Participant> participants() {
        List<Participant> out = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) out.add(people.get(i));
        return out;
    }

    /** Keeps the list in joining order, which participant numbers follow. */
    private void insert(Participant p) {
        int at = 0;
        while (at < people.size() && people.get(at).id() < p.id()) at++;
        people.add(at, p);
    }

    private void removePerson(int id) {
        for (int i = people.size() - 1; i >= 0; i--) if (people.get(i).id() == id) people.remove(i);
    }

    private void updateTitle() {
        title.setText("In the room (" + people.size() + ")");
    }
}
