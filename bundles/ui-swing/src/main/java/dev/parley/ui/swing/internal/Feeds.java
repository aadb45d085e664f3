package dev.parley.ui.swing.internal;

import dev.parley.api.MediaFrame;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.swing.SwingUtilities;

/**
 * The participants of the shown call by sender number ({@link MediaFrame#LOCAL} for the local participant), as
 * the roster and the media threads learn of them. A participant who left stays gone: late frames from them are
 * dropped rather than bringing their tile back. Changes are announced to the EDT, once per burst.
 */
final class Feeds {
    private final Map<Integer, ParticipantFeed> feeds = new ConcurrentHashMap<>();
    private final Set<Integer> gone = ConcurrentHashMap.newKeySet();
    private final Runnable changed;
    private final AtomicBoolean changePending = new AtomicBoolean();

    /** @param changed run on the EDT after participants came or went */
    Feeds(Runnable changed) {
        this.changed = changed;
    }

    /** The feed a frame belongs to, or null when its sender has left. */
    ParticipantFeed forFrame(MediaFrame frame) {
        if (gone.contains(frame.sender())) return null;
        ParticipantFeed f = feeds.get(frame.sender());
        return f != null ? f : add(frame.sender(), frame.senderName());
    }

    ParticipantFeed add(int sender, String name) {
        gone.remove(sender);
        ParticipantFeed created = new ParticipantFeed(sender, name.isBlank() ? "#" + sender : name);
        ParticipantFeed f = feeds.putIfAbsent(sender, created);
        if (f == null) {
            announce();
            return created;
        }
        f.rename(name);
        return f;
    }

    void remove(int sender) {
        if (sender != MediaFrame.LOCAL) gone.add(sender);
        if (feeds.remove(sender) != null) announce();
    }

    void clear() {
        feeds.clear();
        gone.clear();
        announce();
    }

    /** The local participant first, then by sender number. */
    List<ParticipantFeed> all() {
        List<ParticipantFeed> out = new ArrayList<>(feeds.values());
        out.sort(Comparator.comparingInt(ParticipantFeed::sender));
        return out;
    }

    private void announce() {
        if (!changePending.compareAndSet(false, true)) return;
        SwingUtilities.invokeLater(() -> {
            changePending.set(false);
            changed.run();
        });
    }
}
