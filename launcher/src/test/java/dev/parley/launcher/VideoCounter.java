package dev.parley.launcher;

import dev.parley.protocol.BlockingWireClient;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Messages;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A participant written against the wire protocol alone that counts the video frames each sender gets through the
 * relay to it, acknowledging them as a real client does, so a test can watch a stream keep flowing.
 */
final class VideoCounter implements AutoCloseable {
    private static final long WAIT_MILLIS = 60_000;
    private final BlockingWireClient wire;
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> frames = new ConcurrentHashMap<>();
    private volatile boolean closing;

    VideoCounter(int port, String room) throws IOException {
        wire = TestTls.connect(port, 1000);
        wire.join("counter", room);
        Thread reader = new Thread(this::readLoop, "video-counter");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        long received = 0;
        while (!closing) {
            try {
                Frame f = wire.read();
                try {
                    switch (f.type()) {
                        case JOINED -> names.put(f.sender(), Messages.Joined.from(f).name());
                        case VIDEO -> {
                            frames.computeIfAbsent(names.getOrDefault(f.sender(), "#" + f.sender()), k -> new AtomicLong())
                                    .incrementAndGet();
                            wire.send(new Messages.Received((int) ++received).toFrame());
                        }
                        default -> { }
                    }
                } finally {
                    f.release();
                }
            } catch (SocketTimeoutException e) {
                // nothing arrived within a second: read on
            } catch (IOException e) {
                return;
            }
        }
    }

    long count(String sender) {
        AtomicLong n = frames.get(sender);
        return n == null ? 0 : n.get();
    }

    /** Waits until {@code more} further video frames from {@code sender} have arrived. */
    void awaitMore(String sender, long more) throws InterruptedException {
        long target = count(sender) + more;
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (count(sender) < target) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(sender + "'s video stopped at " + count(sender) + " frames (waited for " + target + ")");
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws IOException {
        closing = true;
        wire.close();
    }
}
