package dev.parley.ui.swing.internal;

import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.call.Call;
import dev.parley.api.call.CallState;
import dev.parley.api.call.ChatMessage;
import dev.parley.api.call.Participant;
import dev.parley.api.capture.MediaPublisher.Publication;
import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.JSplitPane;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * The desktop window: video grid, roster and chat beside it, stream figures below, menus above. Shows one call at a
 * time. Everything here runs on the EDT; media reaches it only through the {@link Feeds}.
 */
final class ConferenceWindow {
    private static final int FIGURES_EVERY_MILLIS = 1000;
    private static final int METERS_EVERY_MILLIS = 50;

    private final JFrame frame = new JFrame("Parley");
    private final WindowActions actions;
    private final Feeds feeds;
    private final VideoGrid grid = new VideoGrid();
    private final RosterPanel roster = new RosterPanel();
    private final ChatPanel chat;
    private final StatsPanel stats = new StatsPanel();
    private final Timer figures = new Timer(FIGURES_EVERY_MILLIS, e -> refreshFigures());
    private final Timer meters = new Timer(METERS_EVERY_MILLIS, e -> grid.showLevels());
    private Call call;
    private MediaFeed media;

    ConferenceWindow(WindowActions actions, Feeds feeds, int width, int height, int chatLines) {
        this.actions = actions;
        this.feeds = feeds;
        this.chat = new ChatPanel(actions::say, chatLines);
        JSplitPane side = new JSplitPane(JSplitPane.VERTICAL_SPLIT, roster, chat);
        side.setResizeWeight(0.35);
        side.setPreferredSize(new Dimension(340, 400));
        JPanel videoAndStats = new JPanel(new BorderLayout());
        videoAndStats.add(grid, BorderLayout.CENTER);
        videoAndStats.add(stats, BorderLayout.SOUTH);
        JSplitPane main = new JSplitPane(JSplitPane.HORIZONTAL_SPLIT, videoAndStats, side);
        main.setResizeWeight(1.0);
        frame.setJMenuBar(new ConferenceMenus(actions, frame).build());
        frame.getContentPane().add(main);
        frame.setDefaultCloseOperation(JFrame.DO_NOTHING_ON_CLOSE);
        frame.addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                actions.useConsole();
            }
        });
        frame.setSize(width, height);
        frame.setLocationByPlatform(true);
        showNoCall();
        frame.setVisible(true);
        figures.start();
        meters.start();
    }

    /** Shows a call: its roster and recent chat at once, then live media and events. */
    void show(Call c, List<Participant> people, List<ChatMessage> history, MediaFeed feed) {
        call = c;
        media = feed;
        frame.setTitle("Parley \u2014 " + c.name() + " in " + c.room());
        feeds.add(MediaFrame.LOCAL, c.name());
        for (Participant p : people) if (!p.self()) feeds.add(p.id(), p.name());
        roster.showRoster(people);
        roster.event("showing " + c.name() + "'s call in room " + c.room() + " (" + c.state().name().toLowerCase() + ")");
        chat.showHistory(history);
        refreshFigures();
    }

    void showNoCall() {
        call = null;
        media = null;
        frame.setTitle("Parley \u2014 no call");
        feeds.clear();
        roster.showRoster(List.of());
        stats.show(List.of(), List.of(), Integer::toString, "no call");
    }

    void joined(Participant p) {
        if (!p.self()) feeds.add(p.id(), p.name());
        roster.joined(p);
    }

    void left(Participant p, String reason) {
        feeds.remove(p.id());
        roster.left(p, reason);
    }

    void chat(ChatMessage m) {
        chat.add(m);
    }

    void stateChanged(CallState state, String detail) {
        roster.event(state.name().toLowerCase() + ": " + detail);
    }

    /** Called when feeds came or went. */
    void participantsChanged() {
        grid.sync(feeds.all());
        refreshFigures();
    }

    private void refreshFigures() {
        Call c = call;
        if (c == null) return;
        grid.refresh(key -> c.bus().stats(key), tile -> tile.self() ? localNote() : "");
        long rtt = c.roundTripMicros();
        MediaFeed m = media;
        String status = c.state().name().toLowerCase() + (rtt < 0 ? "" : String.format("  \u00B7  rtt %.1f ms", rtt / 1000.0))
                + (m == null ? "" : "  \u00B7  view skipped " + m.dropped() + " frames");
        stats.show(c.bus().stats(), actions.playout(), names(c), status);
    }

    /** The camera the local video last came from, if any: a fall back to the test pattern is news. EDT only. */
    private String lastCamera;

    private String localNote() {
        Publication camera = actions.publication(MediaKind.VIDEO).orElse(null);
        if (camera == null) return "not sending video";
        if (camera.muted()) return "camera muted";
        // A camera that stopped sending mid-call: the publication fell back to the test pattern; say so here too.
        String source = camera.source();
        if (source.startsWith("webcam:")) {
            lastCamera = source;
        } else if (lastCamera != null && source.equals("test-pattern")) {
            return "camera " + lastCamera + " sends nothing: test pattern until it is back";
        }
        return "";
    }

    private IntFunction<String> names(Call c) {
        Map<Integer, String> byId = roster.participants().stream()
                .collect(Collectors.toMap(Participant::id, Participant::name, (a, b) -> a));
        return id -> id == MediaFrame.LOCAL ? c.name() + " (you)" : byId.getOrDefault(id, "#" + id);
    }

    void dispose() {
        figures.stop();
        meters.stop();
        frame.dispose();
    }

    /** The window as it looks now, menus included. */
    BufferedImage screenshot() {
        var root = frame.getRootPane();
        BufferedImage image = new BufferedImage(Math.max(1, root.getWidth()), Math.max(1, root.getHeight()), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            root.paint(g);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** What the window shows, as text: tiles with their place in the screenshot, the roster, the chat lines. */
    String report() {
        StringBuilder b = new StringBuilder();
        var root = frame.getRootPane();
        List<VideoTile> tiles = grid.tiles();
        List<String> lines = chat.lines();
        // The counts say how many lines follow, so a reader of the shell's output knows where the report ends.
        b.append(String.format("window: %s %dx%d, %d tiles, %d chat lines, %s", frame.isShowing() ? "showing" : "hidden",
                root.getWidth(), root.getHeight(), tiles.size(), lines.size(), frame.getTitle()));
        for (VideoTile t : tiles) {
            Rectangle r = SwingUtilities.convertRectangle(t.getParent(), t.getBounds(), root);
            b.append(String.format("%ntile %d %s: %s, note [%s], pictures %d, level %.0f dB, bounds %d,%d,%d,%d",
                    t.feed().sender(), t.feed().name(), t.figuresText(), t.note(), t.painted(), t.levelDecibels(), r.x, r.y,
                    r.width, r.height));
        }
        b.append("\nroster: ").append(roster.participants().stream().map(p -> p.id() + " " + p.name())
                .collect(Collectors.joining(", ")));
        for (String line : lines) b.append("\nchat: ").append(line);
        return b.toString();
    }
}
