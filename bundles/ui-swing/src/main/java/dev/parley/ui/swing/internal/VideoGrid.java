package dev.parley.ui.swing.internal;

import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.StreamKey;
import dev.parley.api.StreamStats;
import java.awt.Color;
import java.awt.GridLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.swing.BorderFactory;
import javax.swing.JPanel;

/** The video tiles, one per participant with the local preview first, in a grid as square as the count allows. EDT only. */
final class VideoGrid extends JPanel {
    private final Map<Integer, VideoTile> tiles = new LinkedHashMap<>();

    VideoGrid() {
        super(new GridLayout(1, 1, 6, 6));
        setBackground(new Color(0x12, 0x14, 0x18));
        setBorder(BorderFactory.createEmptyBorder(6, 6, 6, 6));
    }

    /** Makes the tiles match the feeds: new participants get a tile, those gone lose theirs. */
    void sync(List<ParticipantFeed> feeds) {
        Set<Integer> present = new HashSet<>();
        boolean changed = false;
        for (ParticipantFeed f : feeds) {
            present.add(f.sender());
            VideoTile t = tiles.get(f.sender());
            if (t == null || t.feed() != f) {
                tiles.put(f.sender(), new VideoTile(f, f.sender() == MediaFrame.LOCAL));
                changed = true;
            }
        }
        changed |= tiles.keySet().retainAll(present);
        if (!changed) return;
        removeAll();
        int n = Math.max(1, tiles.size());
        int columns = (int) Math.ceil(Math.sqrt(n));
        setLayout(new GridLayout((n + columns - 1) / columns, columns, 6, 6));
        tiles.values().stream().sorted((a, b) -> Integer.compare(a.feed().sender(), b.feed().sender())).forEach(this::add);
        revalidate();
        repaint();
    }

    /** Updates every caption from the bus counters; {@code overlays} gives a note per tile (camera muted). */
    void refresh(Function<StreamKey, StreamStats> stats, Function<VideoTile, String> overlays) {
        for (VideoTile t : tiles.values()) {
            t.refresh(stats.apply(new StreamKey(t.feed().sender(), MediaKind.VIDEO, 0)), overlays.apply(t));
        }
    }

    void showLevels() {
        tiles.values().forEach(VideoTile::showLevel);
    }

    List<VideoTile> tiles() {
        return new ArrayList<>(tiles.values());
    }
}
