package dev.parley.bench.internal;

import dev.parley.protocol.BlockingWireClient;
import dev.parley.protocol.ClockEstimator;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Messages;
import dev.parley.protocol.MessageType;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One synthetic participant, speaking the wire protocol over a plain socket: sends numbered video frames on demand,
 * reads everything on its own thread (slowly, if told to), acknowledges video and checks every frame it gets.
 */
final class LoadClient implements AutoCloseable {
    final int index;
    final boolean slow;
    private final int slowFrameMillis;
    private final BlockingWireClient wire;
    private final Map<Integer, Integer> indexById = new ConcurrentHashMap<>();
    private final Thread reader;
    private int sequence;
    private int videoReceived;
    private volatile boolean closing;
    volatile Window window;

    /** Counters of one measuring window. */
    static final class Window {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        final AtomicLong corrupt = new AtomicLong();
        final LatencySamples latency = new LatencySamples();
    }

    LoadClient(int index, boolean slow, int slowFps, int port) throws IOException {
        this.index = index;
        this.slow = slow;
        this.slowFrameMillis = slow ? Math.max(1, 1000 / Math.max(1, slowFps)) : 0;
        this.wire = BlockingWireClient.connect("127.0.0.1", port, 500);
        wire.join("load-" + index, "bench");
        this.reader = new Thread(this::readLoop, "parley-bench-reader-" + index);
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends the next video frame (called by the pacer). */
    void sendVideo(int frameBytes) throws IOException {
        int seq = sequence++;
        byte[] payload = FramePattern.make(index, seq, frameBytes);
        Frame f = new Frame(MessageType.VIDEO, 1, 0, 0, seq, ClockEstimator.nowMicros(), "bench",
                Unpooled.wrappedBuffer(payload));
        synchronized (wire) {
            wire.send(f);
        }
        Window w = window;
        if (w != null) w.sent.incrementAndGet();
    }

    private void readLoop() {
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
                handle(f);
            } catch (IOException e) {
                return;
            } finally {
                f.release();
            }
        }
    }

    private void handle(Frame f) throws IOException {
        if (f.type() == MessageType.JOINED) {
            String name = Messages.Joined.from(f).name();
            if (name.startsWith("load-")) indexById.put(f.sender(), Integer.parseInt(name.substring(5)));
            return;
        }
        if (f.type() != MessageType.VIDEO) return;
        long latency = ClockEstimator.nowMicros() - f.timestampMicros();
        Integer from = indexById.get(f.sender());
        Window w = window;
        if (w != null) {
            w.received.incrementAndGet();
            if (from == null || FramePattern.check(f.payload(), from) != f.sequence()) w.corrupt.incrementAndGet();
            w.latency.add(latency);
        }
        if (slow) {
            try {
                Thread.sleep(slowFrameMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        videoReceived++;
        synchronized (wire) {
            wire.send(new Messages.Received(videoReceived).toFrame());
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        wire.close();
    }
}
