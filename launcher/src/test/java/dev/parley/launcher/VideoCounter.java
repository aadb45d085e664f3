package dev.parley.launcher;

import dev.parley.protocol.Frame;
import dev.parley.protocol.MessageType;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A participant written against the wire protocol alone that counts the video frames each sender gets through the
 * relay to it (acknowledging them as a real client does, in {@link WireListener}), so a test can watch a stream keep
 * flowing.
 */
final class VideoCounter extends WireListener {
    private static final long WAIT_MILLIS = 60_000;
    private final Map<String, AtomicLong> frames = new ConcurrentHashMap<>();

    VideoCounter(int port, String room) throws IOException {
        super(port, room, null);
        start();
    }

    @Override
    protected void frame(String sender, Frame f, long arrivalMicros) {
        if (f.type() == MessageType.VIDEO) frames.computeIfAbsent(sender, k -> new AtomicLong()).incrementAndGet();
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
}
