package dev.parley.relay.internal;

import dev.parley.protocol.MessageType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one receiver still has to be sent. Confined to the receiver's event loop, which is the connection's only
 * writer, so frames never interleave.
 *
 * <ul>
 * <li>TEXT is written at once and never dropped; a receiver that lets {@code textQueueLimit} messages pile up in
 * its socket is disconnected as too slow.</li>
 * <li>AUDIO is written while the socket takes it; otherwise it waits in a short queue that drops its oldest.</li>
 * <li>VIDEO waits newest-wins per (sender, stream) and is written only while fewer than the receiver's
 * {@link VideoWindow} of video frames are unacknowledged (RECEIVED) and the socket is below its high water mark. A
 * slow receiver so gets fresh
 * frames at its own pace instead of a growing backlog, and never slows anyone else.</li>
 * </ul>
 * Writes are flushed once per event-loop cycle, and at once when the socket crosses its high water mark.
 */
final class ReceiverQueue {
    private final Channel channel;
    private final VideoWindow videoWindow;
    private final int audioCapacity;
    private final int textLimit;
    private final ArrayDeque<ByteBuf> audio = new ArrayDeque<>();
    private final LinkedHashMap<Long, ByteBuf> video = new LinkedHashMap<>();
    private final Runnable flushTask;
    private boolean flushScheduled;
    private boolean released;
    private int videoSent;
    private int videoAcked;
    private volatile long framesOut;
    private volatile long videoReplaced;
    private volatile long audioDropped;
    private volatile int inFlight;

    ReceiverQueue(Channel channel, RelaySettings settings) {
        this.channel = channel;
        this.videoWindow = new VideoWindow(settings.videoWindow(), settings.maxVideoWindow(), settings.latencyTargetMillis());
        this.audioCapacity = settings.audioQueueFrames();
        this.textLimit = settings.textQueueLimit();
        this.flushTask = () -> {
            flushScheduled = false;
            channel.flush();
        };
    }

    /** Takes ownership of {@code frame}, an encoded frame shared with other receivers. */
    void offer(MessageType type, long streamKey, ByteBuf frame) {
        if (released) {
            frame.release();
            return;
        }
        switch (type) {
            case TEXT -> {
                write(frame);
                ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
                if (out != null && out.size() > textLimit) {
                    RelayConnection.LOG.warn("Disconnecting {}: {} messages wait in its socket; it reads too slowly",
                            channel.remoteAddress(), out.size());
                    channel.close();
                }
            }
            case AUDIO -> {
                audio.addLast(frame);
                while (audio.size() > audioCapacity) {
                    audio.removeFirst().release();
                    audioDropped++;
                }
            }
            default -> {
                ByteBuf previous = video.put(streamKey, frame);
                if (previous != null) {
                    previous.release();
                    videoReplaced++;
                }
            }
        }
        pump();
    }

    /** The receiver reported {@code count} video frames received in total (wrapping u32). */
    void acknowledged(int count) {
        // Never let a confused client acknowledge more than was sent.
        if (count - videoSent > 0) count = videoSent;
        videoAcked = count;
        videoWindow.acknowledged(count, System.nanoTime());
        pump();
    }

    /** Writes what the window and the socket allow. */
    void pump() {
        if (released) return;
        while (!audio.isEmpty() && channel.isWritable()) write(audio.removeFirst());
        Iterator<Map.Entry<Long, ByteBuf>> it = video.entrySet().iterator();
        while (it.hasNext() && channel.isWritable() && videoSent - videoAcked < videoWindow.size()) {
            ByteBuf next = it.next().getValue();
            it.remove();
            write(next);
            videoSent++;
        }
        inFlight = videoSent - videoAcked;
    }

    private void write(ByteBuf frame) {
        channel.write(frame, channel.voidPromise());
        framesOut++;
        if (!channel.isWritable()) {
            // Crossed the high water mark: get the bytes moving now rather than at the end of the cycle.
            channel.flush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            channel.eventLoop().execute(flushTask);
        }
    }

    /** Drops everything still queued; called when the connection closes. */
    void release() {
        released = true;
        audio.forEach(ByteBuf::release);
        audio.clear();
        video.values().forEach(ByteBuf::release);
        video.clear();
    }

    long framesOut() { return framesOut; }

    long videoReplaced() { return videoReplaced; }

    long audioDropped() { return audioDropped; }

    int videoInFlight() { return inFlight; }
}
