package dev.parley.launcher;

import dev.parley.protocol.BlockingWireClient;
import dev.parley.protocol.ClockEstimator;
import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * A room member written against the wire protocol alone, as a client in another language would be: joins over TLS,
 * says which codecs it "decodes" (it only records), reads on a thread of its own, knows the others by name from
 * JOINED, acknowledges video, answers PING and sends one every few seconds (as PROTOCOL.md asks, which also keeps it
 * from being dropped as idle when no video flows: a slow test can outlast the relay's 30 s idle timeout). Subclasses
 * say what to keep of each frame.
 */
abstract class WireListener implements AutoCloseable {
    private static final long PING_INTERVAL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    protected final BlockingWireClient wire;
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /**
     * Joins; call {@link #start()} at the end of the subclass's constructor.
     *
     * @param decodes the codec names to announce (CODECS), or null to announce nothing (taken as jpeg and PCM)
     */
    WireListener(int port, String room, List<String> decodes) throws IOException {
        // A relay that has just started may take a while for the TLS handshake and WELCOME on a busy machine: a long
        // timeout until joined, then a short one, so the reader looks at whether it is closing now and then.
        wire = TestTls.connect(port, 30_000);
        wire.join("observer", room);
        wire.socket().setSoTimeout(1000);
        if (decodes != null) wire.send(new Messages.Codecs(0, decodes).toFrame());
    }

    protected final void start() {
        Thread reader = new Thread(this::readLoop, "wire-listener");
        reader.setDaemon(true);
        reader.start();
    }

    /** On the reader thread, for every frame but PING: JOINED names are known before their frame arrives here. */
    protected abstract void frame(String sender, Frame f, long arrivalMicros) throws IOException;

    private void readLoop() {
        int videoFrames = 0;
        long lastPing = System.nanoTime() - PING_INTERVAL_NANOS;
        while (!closing) {
            Frame f;
            try {
                if (System.nanoTime() - lastPing >= PING_INTERVAL_NANOS) {
                    wire.send(new Messages.Ping(ClockEstimator.nowMicros()).toFrame());
                    lastPing = System.nanoTime();
                }
                f = wire.read();
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            try {
                long now = ClockEstimator.nowMicros();
                if (f.type() == MessageType.JOINED) names.put(f.sender(), Messages.Joined.from(f).name());
                if (f.type() == MessageType.PING) {
                    wire.send(new Messages.Pong(Messages.Ping.from(f).t1(), now, now).toFrame());
                    continue;
                }
                frame(nameOf(f.sender()), f, now);
                if (f.type() == MessageType.VIDEO) wire.send(new Messages.Received(++videoFrames).toFrame());
            } catch (IOException e) {
                return;
            } finally {
                f.release();
            }
        }
    }

    String nameOf(int sender) {
        return names.getOrDefault(sender, "#" + sender);
    }

    int idOf(String name) {
        for (Map.Entry<Integer, String> e : names.entrySet()) if (e.getValue().equals(name)) return e.getKey();
        throw new AssertionError("nobody called " + name + " joined");
    }

    static <K, T> List<T> list(Map<K, List<T>> m, K key) {
        return m.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>());
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
