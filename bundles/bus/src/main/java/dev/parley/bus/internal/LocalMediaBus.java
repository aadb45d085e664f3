package dev.parley.bus.internal;

import dev.parley.api.FrameListener;
import dev.parley.api.KeyframeListener;
import dev.parley.api.MediaBus;
import dev.parley.api.MediaFrame;
import dev.parley.api.StreamKey;
import dev.parley.api.StreamStats;
import dev.parley.api.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process media bus. Prototype scoped: every call (and every synthetic participant of the demo) gets a bus of
 * its own, so one process can hold several participants without their streams mixing.
 */
@Component(service = MediaBus.class, scope = ServiceScope.PROTOTYPE, configurationPid = BusConfig.PID)
@Designate(ocd = BusConfig.class)
public final class LocalMediaBus implements MediaBus {
    private static final Logger LOG = LoggerFactory.getLogger(LocalMediaBus.class);

    private final int audioQueueFrames;
    private final List<SubscriberQueue> subscribers = new CopyOnWriteArrayList<>();
    private final Map<StreamKey, StreamCounters> counters = new ConcurrentHashMap<>();
    private final List<KeyframeListener> keyframeListeners = new CopyOnWriteArrayList<>();

    @Activate
    public LocalMediaBus(BusConfig config) {
        this(config.audioQueueFrames());
    }

    public LocalMediaBus(int audioQueueFrames) {
        this.audioQueueFrames = audioQueueFrames;
    }

    @Deactivate
    void deactivate() {
        for (SubscriberQueue s : subscribers) s.close();
    }

    @Override
    public void publish(MediaFrame frame) {
        long now = System.nanoTime();
        long latency = frame.captureMicros() > 0 ? Math.max(0, nowMicros() - frame.captureMicros()) : -1;
        counters.computeIfAbsent(frame.streamKey(), k -> new StreamCounters(k, now))
                .published(frame.senderName(), frame.codec(), frame.payloadSize(), latency, now);
        for (SubscriberQueue s : subscribers) {
            if (s.wants(frame)) s.offer(frame);
        }
    }

    @Override
    public Subscription subscribe(String name, Predicate<MediaFrame> filter, FrameListener listener) {
        SubscriberQueue q = new SubscriberQueue(name, filter, listener, audioQueueFrames,
                key -> counter(key).dropped(), this::keyframeNeeded, key -> counter(key).delivered(),
                subscribers::remove);
        subscribers.add(q);
        q.start();
        return q;
    }

    private StreamCounters counter(StreamKey key) {
        return counters.computeIfAbsent(key, k -> new StreamCounters(k, System.nanoTime()));
    }

    private void keyframeNeeded(StreamKey key) {
        for (KeyframeListener l : keyframeListeners) {
            try {
                l.keyframeNeeded(key);
            } catch (RuntimeException e) {
                LOG.warn("Keyframe listener failed for {}", key, e);
            }
        }
    }

    @Override
    public List<StreamStats> stats() {
        long now = System.nanoTime();
        List<StreamStats> out = new ArrayList<>(counters.size());
        for (StreamCounters c : counters.values()) out.add(c.snapshot(now));
        out.sort(Comparator.comparingInt((StreamStats s) -> s.key().sender())
                .thenComparing(s -> s.key().kind())
                .thenComparingInt(s -> s.key().stream()));
        return out;
    }

    @Override
    public StreamStats stats(StreamKey key) {
        StreamCounters c = counters.get(key);
        return c == null ? null : c.snapshot(System.nanoTime());
    }

    @Override
    public AutoCloseable addKeyframeListener(KeyframeListener listener) {
        keyframeListeners.add(listener);
        return () -> keyframeListeners.remove(listener);
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
