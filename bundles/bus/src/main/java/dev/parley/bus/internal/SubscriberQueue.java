package dev.parley.bus.internal;

import dev.parley.api.FrameListener;
import dev.parley.api.MediaFrame;
import dev.parley.api.StreamKey;
import dev.parley.api.Subscription;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's bounded queue and delivery thread. Offers never block beyond a short lock:
 * <ul>
 * <li>video keeps only the newest frame per stream; a frame that replaces an undelivered one is counted as a drop,
 * and when the newcomer is not a keyframe (its reference is gone) the stream skips to its next keyframe and one is
 * asked for;</li>
 * <li>audio keeps at most {@code audioCapacity} frames and drops the oldest beyond that;</li>
 * <li>text is never dropped.</li>
 * </ul>
 * Delivery order: audio, then text, then video, so a burst of video never delays sound or chat.
 */
final class SubscriberQueue implements Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriberQueue.class);

    private final String name;
    private final Predicate<MediaFrame> filter;
    private final FrameListener listener;
    private final int audioCapacity;
    private final Consumer<StreamKey> onDrop;
    private final Consumer<StreamKey> keyframeNeeded;
    private final Consumer<StreamKey> onDelivered;
    private final Consumer<SubscriberQueue> onClose;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition ready = lock.newCondition();
    private final ArrayDeque<MediaFrame> audio = new ArrayDeque<>();
    private final ArrayDeque<MediaFrame> text = new ArrayDeque<>();
    private final LinkedHashMap<StreamKey, MediaFrame> video = new LinkedHashMap<>();
    private final Set<StreamKey> awaitingKeyframe = new HashSet<>();
    private long dropped;
    private long delivered;
    private boolean closed;
    private final Thread thread;

    SubscriberQueue(String name, Predicate<MediaFrame> filter, FrameListener listener, int audioCapacity,
                    Consumer<StreamKey> onDrop, Consumer<StreamKey> keyframeNeeded, Consumer<StreamKey> onDelivered,
                    Consumer<SubscriberQueue> onClose) {
        this.name = name;
        this.filter = filter;
        this.listener = listener;
        this.audioCapacity = Math.max(1, audioCapacity);
        this.onDrop = onDrop;
        this.keyframeNeeded = keyframeNeeded;
        this.onDelivered = onDelivered;
        this.onClose = onClose;
        this.thread = new Thread(this::deliverLoop, "parley-bus-" + name);
        this.thread.setDaemon(true);
    }

    void start() { thread.start(); }

    boolean wants(MediaFrame frame) {
        try {
            return filter.test(frame);
        } catch (RuntimeException e) {
            LOG.warn("Subscriber {} filter failed on {}: {}", name, frame, e.toString());
            return false;
        }
    }

    /** Queues a frame according to its kind's policy. Never blocks on the listener. */
    void offer(MediaFrame frame) {
        StreamKey needKeyframe = null;
        int drops = 0;
        StreamKey key = frame.streamKey();
        lock.lock();
        try {
            if (closed) return;
            switch (frame.kind()) {
                case TEXT -> text.addLast(frame);
                case AUDIO -> {
                    audio.addLast(frame);
                    while (audio.size() > audioCapacity) {
                        audio.removeFirst();
                        drops++;
                    }
                }
                case VIDEO -> {
                    if (awaitingKeyframe.contains(key)) {
                        if (!frame.isKeyframe()) {
                            drops++;
                            break;
                        }
                        awaitingKeyframe.remove(key);
                    }
                    MediaFrame previous = video.put(key, frame);
                    if (previous != null) {
                        drops++;
                        if (!frame.isKeyframe()) {
                            // The newcomer refers to the frame just dropped: skip to the next keyframe.
                            video.remove(key);
                            drops++;
                            awaitingKeyframe.add(key);
                            needKeyframe = key;
                        }
                    }
                }
            }
            dropped += drops;
            ready.signal();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < drops; i++) onDrop.accept(key);
        if (needKeyframe != null) keyframeNeeded.accept(needKeyframe);
    }

    private MediaFrame take() throws InterruptedException {
        lock.lock();
        try {
            while (!closed && audio.isEmpty() && text.isEmpty() && video.isEmpty()) ready.await();
            if (closed) return null;
            if (!audio.isEmpty()) return audio.removeFirst();
            if (!text.isEmpty()) return text.removeFirst();
            Iterator<MediaFrame> it = video.values().iterator();
            MediaFrame next = it.next();
            it.remove();
            return next;
        } finally {
            lock.unlock();
        }
    }

    private void deliverLoop() {
        try {
            MediaFrame frame;
            while ((frame = take()) != null) {
                try {
                    listener.onFrame(frame);
                } catch (RuntimeException | LinkageError e) {
                    LOG.warn("Subscriber {} failed on {}; it keeps receiving", name, frame, e);
                }
                lock.lock();
                try {
                    delivered++;
                } finally {
                    lock.unlock();
                }
                onDelivered.accept(frame.streamKey());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() { return name; }

    @Override
    public long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long delivered() {
        lock.lock();
        try {
            return delivered;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            audio.clear();
            text.clear();
            video.clear();
            ready.signalAll();
        } finally {
            lock.unlock();
        }
        onClose.accept(this);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "Subscription[" + name + "]";
    }
}
