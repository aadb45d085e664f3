package dev.parley.ui.swing.internal;

import dev.parley.api.MediaKind;
import dev.parley.common.RankedList;
import dev.parley.api.capture.MediaPublisher.Publication;
import dev.parley.api.capture.MediaSource;
import java.awt.Component;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.Optional;
import javax.swing.ButtonGroup;
import javax.swing.JCheckBoxMenuItem;
import javax.swing.JMenu;
import javax.swing.JMenuBar;
import javax.swing.JMenuItem;
import javax.swing.JRadioButtonMenuItem;
import javax.swing.KeyStroke;
import javax.swing.event.MenuEvent;
import javax.swing.event.MenuListener;

/**
 * The menu bar: File (console view, quit) and Media (mute camera and microphone, pick their sources, see codecs).
 * Items are brought up to date each time a menu opens, since sources and codecs come and go as bundles do. EDT only.
 */
final class ConferenceMenus {
    private final WindowActions actions;
    private final Component owner;

    ConferenceMenus(WindowActions actions, Component owner) {
        this.actions = actions;
        this.owner = owner;
    }

    JMenuBar build() {
        JMenuBar bar = new JMenuBar();
        bar.add(fileMenu());
        bar.add(mediaMenu());
        return bar;
    }

    private JMenu fileMenu() {
        JMenu file = new JMenu("File");
        file.setMnemonic(KeyEvent.VK_F);
        JMenuItem console = new JMenuItem("Switch to the Console View");
        console.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_W, InputEvent.CTRL_DOWN_MASK));
        console.addActionListener(e -> actions.useConsole());
        JMenuItem quit = new JMenuItem("Quit Parley");
        quit.setAccelerator(KeyStroke.getKeyStroke(KeyEvent.VK_Q, InputEvent.CTRL_DOWN_MASK));
        quit.addActionListener(e -> actions.quit());
        file.add(console);
        file.addSeparator();
        file.add(quit);
        return file;
    }

    private JMenu mediaMenu() {
        JMenu media = new JMenu("Media");
        media.setMnemonic(KeyEvent.VK_M);
        JCheckBoxMenuItem muteCamera = muteItem("Mute Camera", MediaKind.VIDEO);
        JCheckBoxMenuItem muteMicrophone = muteItem("Mute Microphone", MediaKind.AUDIO);
        JMenu camera = new JMenu("Camera");
        JMenu microphone = new JMenu("Microphone");
        JMenuItem codecs = new JMenuItem("Codecs\u2026");
        codecs.addActionListener(e -> new CodecsDialog(owner, actions).setVisible(true));
        media.add(muteCamera);
        media.add(muteMicrophone);
        media.addSeparator();
        media.add(camera);
        media.add(microphone);
        media.addSeparator();
        media.add(codecs);
        media.addMenuListener(new MenuListener() {
            @Override
            public void menuSelected(MenuEvent e) {
                refreshMute(muteCamera, MediaKind.VIDEO);
                refreshMute(muteMicrophone, MediaKind.AUDIO);
                fillSources(camera, MediaKind.VIDEO);
                fillSources(microphone, MediaKind.AUDIO);
            }

            @Override public void menuDeselected(MenuEvent e) { }

            @Override public void menuCanceled(MenuEvent e) { }
        });
        return media;
    }

    private JCheckBoxMenuItem muteItem(String label, MediaKind kind) {
        JCheckBoxMenuItem item = new JCheckBoxMenuItem(label);
        item.addActionListener(e -> actions.publication(kind).ifPresent(p -> p.setMuted(item.isSelected())));
        return item;
    }

    private void refreshMute(JCheckBoxMenuItem item, MediaKind kind) {
        Optional<Publication> p = actions.publication(kind);
        item.setEnabled(p.isPresent());
        item.setSelected(p.map(Publication::muted).orElse(false));
    }

    /** One radio item per source of the kind, best ranked first, plus "best available" to drop a preference. */
    private void fillSources(JMenu menu, MediaKind kind) {
        menu.removeAll();
        Optional<Publication> p = actions.publication(kind);
        String inUse = p.map(Publication::source).orElse("");
        String preferred = p.map(Publication::preferredSource).orElse("");
        ButtonGroup group = new ButtonGroup();
        JRadioButtonMenuItem best = new JRadioButtonMenuItem("Best Available");
        best.setSelected(preferred.isEmpty());
        best.addActionListener(e -> p.ifPresent(x -> x.preferSource("")));
        group.add(best);
        menu.add(best);
        menu.addSeparator();
        for (RankedList.Ranked<MediaSource> r : actions.sources()) {
            MediaSource s = r.service();
            if (s.kind() != kind) continue;
            String label = s.description() + "  [" + s.id() + ", ranking " + r.ranking() + "]" + (s.id().equals(inUse) ? "  \u2022 in use" : "");
            JRadioButtonMenuItem item = new JRadioButtonMenuItem(label);
            item.setSelected(s.id().equals(preferred));
            item.addActionListener(e -> p.ifPresent(x -> x.preferSource(s.id())));
            group.add(item);
            menu.add(item);
        }
        boolean usable = p.isPresent();
        for (Component c : menu.getMenuComponents()) c.setEnabled(usable);
        if (!usable) menu.setToolTipText("this participant sends no " + kind.name().toLowerCase());
    }
}
