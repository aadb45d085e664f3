package dev.parley.launcher;

import dev.parley.protocol.Frame;
import dev.parley.protocol.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A room member written against the wire protocol alone: counts what each participant sends, keeps the video
 * sequence numbers and the roster events, and acknowledges video as the protocol asks.
 */
final class RoomObserver extends WireListener {
    private final Map<String, List<Long>> videoSequences = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> audioSequences = new ConcurrentHashMap<>();
    private final Map<String, List<String>> text = new ConcurrentHashMap<>();
    private final List<String> joined = new CopyOnWriteArrayList<>();
    private final List<String> left = new CopyOnWriteArrayList<>();

    RoomObserver(int port, String room) throws IOException {
        super(port, room, null);
        start();
    }

    @Override
    protected void frame(String name, Frame f, long arrivalMicros) {
        switch (f.type()) {
            case JOINED -> joined.add(name);
            case LEFT -> left.add(Messages.Left.from(f).name());
            case TEXT -> list(text, name).add(f.payload().toString(StandardCharsets.UTF_8));
            case VIDEO -> list(videoSequences, name).add(Integer.toUnsignedLong(f.sequence()));
            case AUDIO -> list(audioSequences, name).add(Integer.toUnsignedLong(f.sequence()));
            default -> { }
        }
    }

    List<Long> videoSequences(String name) { return List.copyOf(list(videoSequences, name)); }

    int videoCount(String name) { return list(videoSequences, name).size(); }

    int audioCount(String name) { return list(audioSequences, name).size(); }

    List<String> textFrom(String name) { return List.copyOf(list(text, name)); }

    /** Names in JOINED messages, in order, the roster on joining included. */
    List<String> joined() { return List.copyOf(joined); }

    List<String> left() { return List.copyOf(left); }

    void awaitVideo(String name, int atLeast) throws InterruptedException {
        waitFor(() -> videoCount(name) >= atLeast, atLeast + " video frames from " + name);
    }

    void awaitAudio(String name, int atLeast) throws InterruptedException {
        waitFor(() -> audioCount(name) >= atLeast, atLeast + " audio frames from " + name);
    }

    void awaitText(String name, String line) throws InterruptedException {
        waitFor(() -> textFrom(name).contains(line), "'" + line + "' from " + name);
    }
}
