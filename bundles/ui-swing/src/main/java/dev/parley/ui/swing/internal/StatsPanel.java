package dev.parley.ui.swing.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.StreamStats;
import dev.parley.api.capture.PlayoutStats;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Font;
import java.util.List;
import java.util.function.IntFunction;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.table.AbstractTableModel;

/** One row per stream of the call's bus: frame rate, bit rate, latency, drops and codec. EDT only. */
final class StatsPanel extends JPanel {
    private static final String[] COLUMNS = {"participant", "stream", "fps", "kbit/s", "latency p50", "latency p99", "drops",
        "to speaker, a/v", "codec"};
    private final Model model = new Model();
    private final JLabel status = new JLabel(" ");

    StatsPanel() {
        super(new BorderLayout(0, 4));
        setBorder(BorderFactory.createEmptyBorder(4, 6, 6, 6));
        JTable table = new JTable(model);
        table.setFillsViewportHeight(true);
        table.setRowSelectionAllowed(false);
        int[] widths = {110, 60, 50, 60, 80, 80, 50, 120, 150};
        for (int c = 0; c < widths.length; c++) table.getColumnModel().getColumn(c).setPreferredWidth(widths[c]);
        JScrollPane scroll = new JScrollPane(table);
        scroll.setPreferredSize(new Dimension(400, 150));
        JLabel title = new JLabel("Streams");
        title.setFont(title.getFont().deriveFont(Font.BOLD));
        JPanel head = new JPanel(new BorderLayout());
        head.add(title, BorderLayout.WEST);
        head.add(status, BorderLayout.EAST);
        add(head, BorderLayout.NORTH);
        add(scroll, BorderLayout.CENTER);
    }

    /** Shows the media streams (chat has no rate worth a row); {@code names} names a sender number. */
    void show(List<StreamStats> stats, List<PlayoutStats> playout, IntFunction<String> names, String statusLine) {
        model.rows = stats.stream().filter(s -> s.key().kind() != MediaKind.TEXT).toList();
        model.playout = playout;
        model.names = names;
        model.fireTableDataChanged();
        status.setText(statusLine);
    }

    private static final class Model extends AbstractTableModel {
        private List<StreamStats> rows = List.of();
        private IntFunction<String> names = Integer::toString;
        private List<PlayoutStats> playout = List.of();

        @Override public int getRowCount() { return rows.size(); }

        @Override public int getColumnCount() { return COLUMNS.length; }

        @Override public String getColumnName(int c) { return COLUMNS[c]; }

        @Override
        public Object getValueAt(int r, int c) {
            StreamStats s = rows.get(r);
            return switch (c) {
                case 0 -> names.apply(s.key().sender());
                case 1 -> s.key().kind().name().toLowerCase() + (s.key().stream() == 0 ? "" : " #" + s.key().stream());
                case 2 -> String.format("%.1f", s.fps());
                case 3 -> String.format("%.0f", s.kbps());
                case 4 -> millis(s.latencyP50Micros());
                case 5 -> millis(s.latencyP99Micros());
                case 6 -> s.dropped();
                case 7 -> played(s);
                default -> s.codec();
            };
        }

        /** For a remote audio stream: its latency to the speaker and its skew against the sender's video. */
        private String played(StreamStats s) {
            if (s.key().kind() != MediaKind.AUDIO) return "";
            for (PlayoutStats p : playout) {
                if (!p.key().equals(s.key()) || p.latencyMillis() < 0) continue;
                StreamStats video = rows.stream()
                        .filter(v -> v.key().sender() == s.key().sender() && v.key().kind() == MediaKind.VIDEO)
                        .findFirst().orElse(null);
                double skew = p.skewMillis(video);
                return String.format("%.0f ms", p.latencyMillis()) + (Double.isNaN(skew) ? "" : String.format(", %+.0f", skew));
            }
            return "";
        }

        private static String millis(long micros) {
            return micros < 0 ? "-" : String.format("%.1f ms", micros / 1000.0);
        }
    }
}
