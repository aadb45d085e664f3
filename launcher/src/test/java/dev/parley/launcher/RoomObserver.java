package dev.parley.launcher;

import dev.parley.protocol.BlockingWireClient;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Messages;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A room member written against the wire protocol alone: counts what each participant sends, keeps the video
 * sequence numbers and the roster events, and acknowledges video as the protocol asks.
 */
final class RoomObserver implements AutoCloseable {
    private final BlockingWireClient wire;
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> videoSequences = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> audioSequences = new ConcurrentHashMap<>();
    private final Map<String, List<String>> text = new ConcurrentHashMap<>();
    private final List<String> joined = new CopyOnWriteArrayList<>();
    private final List<String> left = new CopyOnWriteArrayList<>();
    private volatile boolean closing;

    RoomObserver(int port, String room) throws IOException {
        wire = TestTls.connect(port, 1000);
        wire.join("observer", room);
        Thread reader = new Thread(this::readLoop, "room-observer");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        int videoFrames = 0;
        while (!closing) {
            Frame f;
            try {
                f = wire.read();
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            try {
                String name = names.getOrDefault(f.sender(), "#" + f.sender());
                switch (f.type()) {
                    case JOINED -> {
                        String n = Messages.Joined.from(f).name();
                        names.put(f.sender(), n);
                        joined.add(n);
                    }
                    case LEFT -> left.add(Messages.Left.from(f).name());
                    case TEXT -> list(text, name).add(f.payload().toString(StandardCharsets.UTF_8));
                    case VIDEO -> {
                        list(videoSequences, name).add(Integer.toUnsignedLong(f.sequence()));
                        wire.send(new Messages.Received(++videoFrames).toFrame());
                    }
                    case AUDIO -> list(audioSequences, name).add(Integer.toUnsignedLong(f.sequence()));
                    default -> { }
                }
            } catch (IOException e) {
                return;
            } finally {
                f.release();
            }
        }
    }

    private static <T> List<T> list(Map<String, List<T>> m, String key) {
        return m.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
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

    static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("never got " + what);
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        wire.close();
    }
}
