package dev.parley.relay.internal;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The audio waiting for one receiver while its socket is full: a short queue per (sender, stream), each dropping its
 * own oldest frame beyond {@code perStream} frames, so one talker's burst never pushes out another's audio and the
 * delay any stream can build up stays at {@code perStream} frames (8 × 20 ms by default) however many people talk.
 * Frames are taken one stream at a time, round robin. Confined to the receiver's event loop.
 */
final class AudioQueue {
    private final int perStream;
    private final LinkedHashMap<Long, ArrayDeque<ByteBuf>> streams = new LinkedHashMap<>();
    private int size;

    AudioQueue(int perStream) {
        this.perStream = Math.max(1, perStream);
    }

    /** Takes ownership of {@code frame}; returns how many older frames of its stream were dropped for it. */
    int add(long streamKey, ByteBuf frame) {
        ArrayDeque<ByteBuf> q = streams.computeIfAbsent(streamKey, k -> new ArrayDeque<>(perStream + 1));
        q.addLast(frame);
        size++;
        int dropped = 0;
        while (q.size() > perStream) {
            q.removeFirst().release();
            size--;
            dropped++;
        }
        return dropped;
    }

    /** The next frame to send, or null; the stream it came from goes to the back of the line. */
    ByteBuf poll() {
        if (size == 0) return null;
        Iterator<Map.Entry<Long, ArrayDeque<ByteBuf>>> it = streams.entrySet().iterator();
        Map.Entry<Long, ArrayDeque<ByteBuf>> first = it.next();
        it.remove();
        ArrayDeque<ByteBuf> q = first.getValue();
        ByteBuf frame = q.pollFirst();
        size--;
        if (!q.isEmpty()) streams.put(first.getKey(), q);
        return frame;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void release() {
        for (ArrayDeque<ByteBuf> q : streams.values()) q.forEach(ByteBuf::release);
        streams.clear();
        size = 0;
    }
}
