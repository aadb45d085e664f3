package dev.parley.relay.internal;

import dev.parley.protocol.MessageType;
import dev.parley.protocol.VideoWindow;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * What one receiver still has to be sent, and the only code that writes to its connection, so frames never
 * interleave.
 *
 * <p><b>Confinement and re-entry.</b> Every method runs on the receiver's event loop. Any write or flush may call
 * back into this queue before it returns: a flush changes writability, and {@code channelWritabilityChanged} pumps
 * again; a failed write closes the channel. So {@link #pump()} is guarded: a pump that starts while another is on
 * the stack only asks the running one to go round once more, and the running one takes frames out of the queues one
 * at a time, never holding an iterator across a write. After each write it looks again at whether the queue was
 * released.
 *
 * <ul>
 * <li>Control messages (JOINED, LEFT, KEYFRAME_REQUEST) and TEXT wait in one queue, in order, and are never
 * dropped; a receiver that lets {@code textQueueLimit} of them pile up is not reading, and {@link #tooSlow} is
 * told.</li>
 * <li>AUDIO waits in a short queue per stream ({@link AudioQueue}) that drops its oldest, and goes first.</li>
 * <li>VIDEO waits newest-wins per (sender, stream) and is written only while the receiver's {@link VideoWindow} is
 * open and the socket is below its high water mark. A slow receiver so gets fresh frames at its own pace instead of
 * a growing backlog, and never slows anyone else.</li>
 * </ul>
 * Writes are flushed once per event-loop cycle, and at once when the socket crosses its high water mark.
 */
final class ReceiverQueue {
    private final Channel channel;
    private final VideoWindow window;
    private final int textLimit;
    private final Runnable tooSlow;
    private final ArrayDeque<Object> ordered = new ArrayDeque<>();
    private final AudioQueue audio;
    private final LinkedHashMap<Long, ByteBuf> video = new LinkedHashMap<>();
    private final Runnable flushTask;
    private boolean flushScheduled;
    private boolean pumping;
    private boolean pumpAgain;
    private boolean released;
    private volatile long framesOut;
    private volatile long videoReplaced;
    private volatile long audioDropped;
    private volatile int inFlight;
    private volatile int windowSize;

    /**
     * @param tooSlow called once, on the event loop, when control and TEXT messages pile up beyond the limit
     */
    ReceiverQueue(Channel channel, RelaySettings settings, Runnable tooSlow) {
        this.channel = channel;
        this.window = new VideoWindow(settings.videoWindow(), settings.latencyTargetMillis());
        this.audio = new AudioQueue(settings.audioQueueFrames());
        this.textLimit = settings.textQueueLimit();
        this.tooSlow = tooSlow;
        this.windowSize = window.size();
        this.flushTask = () -> {
            flushScheduled = false;
            channel.flush();
        };
    }

    /** Takes ownership of {@code frame}, an encoded media frame shared with other receivers. */
    void offer(MessageType type, long streamKey, ByteBuf frame) {
        if (released) {
            frame.release();
            return;
        }
        switch (type) {
            case TEXT -> {
                if (!enqueueOrdered(frame)) return;
            }
            case AUDIO -> {
                audioDropped += audio.add(streamKey, frame);
            }
            default -> {
                if (writeAtOnce(frame)) return;
                ByteBuf previous = video.put(streamKey, frame);
                if (previous != null) {
                    previous.release();
                    videoReplaced++;
                }
            }
        }
        pump();
    }

    /**
     * The common case of a receiver that keeps up: nothing waits and the window and socket are open, so the frame
     * goes out without passing through the pending map. Guarded like {@link #pump()}: a callback from the write
     * only asks for another round.
     */
    private boolean writeAtOnce(ByteBuf frame) {
        if (pumping || !video.isEmpty() || !audio.isEmpty() || !ordered.isEmpty() || !channel.isWritable()
                || !window.open()) {
            return false;
        }
        pumping = true;
        pumpAgain = false;
        try {
            window.sent(System.nanoTime());
            write(frame);
        } finally {
            pumping = false;
        }
        if (pumpAgain) pump();
        inFlight = window.inFlight();
        return true;
    }

    /** Queues a control message (a {@code Frame} the pipeline encodes) in order with TEXT; takes ownership. */
    void offerControl(Object message) {
        if (released) {
            ReferenceCountUtil.release(message);
            return;
        }
        if (enqueueOrdered(message)) pump();
    }

    private boolean enqueueOrdered(Object message) {
        ordered.addLast(message);
        if (ordered.size() > textLimit) {
            release();
            tooSlow.run();
            return false;
        }
        return true;
    }

    /** The receiver reported {@code count} video frames received in total (wrapping u32). */
    void acknowledged(int count) {
        if (released) return;
        window.acknowledged(count, System.nanoTime());
        windowSize = window.size();
        pump();
    }

    /** The socket may take more (its writability changed). */
    void writable() {
        pump();
    }

    /** Writes what the window and the socket allow; safe to call from inside a write. */
    void pump() {
        if (released) return;
        if (pumping) {
            pumpAgain = true;
            return;
        }
        pumping = true;
        try {
            do {
                pumpAgain = false;
                drain();
            } while (pumpAgain && !released);
        } finally {
            pumping = false;
        }
        inFlight = window.inFlight();
    }

    private void drain() {
        while (!released && channel.isWritable()) {
            Object next = audio.poll();
            if (next == null) next = ordered.pollFirst();
            if (next == null) next = nextVideo();
            if (next == null) return;
            write(next);
        }
    }

    /** The oldest pending video frame if the window lets one go, or null. */
    private ByteBuf nextVideo() {
        if (video.isEmpty()) return null;
        if (!window.open()) {
            window.held();
            return null;
        }
        Iterator<ByteBuf> it = video.values().iterator();
        ByteBuf next = it.next();
        it.remove();
        window.sent(System.nanoTime());
        return next;
    }

    private void write(Object frame) {
        if (frame instanceof ByteBuf) framesOut++;
        channel.write(frame, channel.voidPromise());
        flushSoon();
    }

    /** This cycle's writes are flushed at its end, or at once when the socket crossed its high water mark. */
    private void flushSoon() {
        if (!channel.isWritable()) {
            // Crossed the high water mark: get the bytes moving now rather than at the end of the cycle. The flush
            // may come back into pump() (writability) or close the channel; drain() looks again before going on.
            channel.flush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(flushTask);
        }
    }

    /**
     * A RECEIVED for this member's own video, already encoded: written ahead of anything queued (it orders nothing),
     * not counted as a frame out, and flushed with the rest of this cycle's writes, so it costs no flush of its own.
     */
    void acknowledge(ByteBuf received) {
        if (released) {
            received.release();
            return;
        }
        channel.write(received, channel.voidPromise());
        flushSoon();
    }

    /** Drops everything still queued; called when the connection closes. Idempotent. */
    void release() {
        if (released) return;
        released = true;
        audio.release();
        video.values().forEach(ByteBuf::release);
        video.clear();
        ordered.forEach(ReferenceCountUtil::release);
        ordered.clear();
    }

    long framesOut() { return framesOut; }

    long videoReplaced() { return videoReplaced; }

    long audioDropped() { return audioDropped; }

    int videoInFlight() { return inFlight; }

    int videoWindow() { return windowSize; }
}
