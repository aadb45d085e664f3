package dev.parley.call;

import dev.parley.protocol.Frame;
import dev.parley.protocol.VideoWindow;
import io.netty.channel.Channel;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The video a call sends on one connection: at most a {@link VideoWindow} of frames unacknowledged by the other
 * side's RECEIVED, and beyond it only the newest frame of each stream, which replaces an older one not yet sent. A
 * slow link so carries fresh pictures at a lower rate instead of a growing backlog: the relay's rule for its
 * receivers, applied by the sender.
 *
 * <p>Confined to the connection's event loop. A write can change the channel's writability, and so call
 * {@link #writable} back before it returns: a nested pump only asks the running one for another round, and no
 * iterator is held across a write.
 */
public final class OutgoingVideo {
    private final Channel channel;
    private final VideoWindow window;
    /** Newest unsent frame per stream, in the order streams first waited. */
    private final Map<Integer, Frame> pending = new LinkedHashMap<>();
    private boolean pumping;
    private boolean again;
    private boolean closed;
    private long replaced;

    public OutgoingVideo(Channel channel, int initialWindow, int latencyTargetMillis) {
        this.channel = channel;
        this.window = new VideoWindow(initialWindow, latencyTargetMillis);
    }

    /** A new frame to send; it takes the place of an unsent older one of its stream. Takes ownership of it. */
    public void offer(Frame frame) {
        if (closed) {
            frame.release();
            return;
        }
        Frame older = pending.remove(frame.stream());
        if (older != null) {
            older.release();
            replaced++;
        }
        pending.put(frame.stream(), frame);
        pump();
    }

    /** The other side has read {@code count} video frames in all (a wrapping u32). */
    public void acknowledged(int count) {
        window.acknowledged(count, System.nanoTime());
        pump();
    }

    /** The channel can take writes again. */
    public void writable() {
        pump();
    }

    private void pump() {
        if (pumping) {
            again = true;
            return;
        }
        pumping = true;
        boolean wrote = false;
        try {
            do {
                again = false;
                while (!closed && !pending.isEmpty() && channel.isWritable()) {
                    if (!window.open()) {
                        window.held();
                        break;
                    }
                    Iterator<Frame> first = pending.values().iterator();
                    Frame next = first.next();
                    first.remove();
                    window.sent(System.nanoTime());
                    channel.write(next, channel.voidPromise());
                    wrote = true;
                }
                if (wrote) {
                    wrote = false;
                    channel.flush();
                }
            } while (again);
        } finally {
            pumping = false;
        }
    }

    /** The connection is gone: frames still waiting are released, later ones refused. */
    public void close() {
        closed = true;
        for (Frame f : pending.values()) f.release();
        pending.clear();
    }

    /** Frames replaced by a newer one of their stream before they could be sent. */
    public long replaced() { return replaced; }

    /** Frames sent and not yet acknowledged. */
    public int inFlight() { return window.inFlight(); }
}
