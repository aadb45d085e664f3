package dev.parley.ui.swing.internal;

import dev.parley.api.MediaKind;
import dev.parley.common.RankedList;
import dev.parley.api.capture.MediaPublisher.Publication;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Dialog;
import java.awt.Dimension;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import javax.swing.table.DefaultTableModel;

/** The encoders and decoders present, with their rankings and which encoder each outgoing stream uses. EDT only. */
final class CodecsDialog extends JDialog {
    CodecsDialog(Component owner, WindowActions actions) {
        super(SwingUtilities.getWindowAncestor(owner), "Codecs", Dialog.ModalityType.MODELESS);
        DefaultTableModel model = new DefaultTableModel(new Object[]{"role", "codec", "kind", "ranking", "implementation", "in use"}, 0) {
            @Override
            public boolean isCellEditable(int row, int column) {
                return false;
            }
        };
        for (RankedList.Ranked<FrameEncoder> r : actions.encoders()) {
            FrameEncoder e = r.service();
            String inUse = actions.publication(e.kind()).map(Publication::codec)
                    .filter(c -> FrameDecoder.codecName(c).equals(e.codec())).isPresent() ? "sending" : "";
            model.addRow(row("encoder", e.codec(), e.kind(), r.ranking(), e.getClass().getSimpleName(), inUse));
        }
        for (RankedList.Ranked<FrameDecoder> r : actions.decoders()) {
            FrameDecoder d = r.service();
            model.addRow(row("decoder", d.codec(), d.kind(), r.ranking(), d.getClass().getSimpleName(), ""));
        }
        JTable table = new JTable(model);
        table.setFillsViewportHeight(true);
        JPanel content = new JPanel(new BorderLayout(0, 8));
        content.setBorder(BorderFactory.createEmptyBorder(10, 10, 10, 10));
        content.add(new JLabel("The best-ranked encoder of each kind sends; each stream is decoded by the best decoder for its codec."),
                BorderLayout.NORTH);
        JScrollPane scroll = new JScrollPane(table);
        scroll.setPreferredSize(new Dimension(640, 200));
        content.add(scroll, BorderLayout.CENTER);
        JButton close = new JButton("Close");
        close.addActionListener(e -> dispose());
        JPanel buttons = new JPanel();
        buttons.add(close);
        content.add(buttons, BorderLayout.SOUTH);
        setContentPane(content);
        setDefaultCloseOperation(DISPOSE_ON_CLOSE);
        pack();
        setLocationRelativeTo(owner);
    }

    private static Object[] row(String role, String codec, MediaKind kind, int ranking, String implementation, String inUse) {
        return new Object[]{role, codec, kind.name().toLowerCase(), ranking, implementation, inUse};
    }
}
