package dev.parley.api;

import org.osgi.annotation.versioning.ProviderType;

import java.util.List;
import java.util.function.Predicate;

/**
 * The in-process media bus. Publishers never block: each subscriber has its own bounded queue with a policy per
 * {@link MediaKind} (video keeps the newest frame per stream, audio a short queue, text everything) and its own
 * delivery thread. Every stream is counted.
 */
@ProviderType
public interface MediaBus {
    /** Hands a frame to every matching subscriber's queue and returns at once. */
    void publish(MediaFrame frame);

    /**
     * Subscribes to frames that match {@code filter}.
     *
     * @param name     shown in statistics and thread names
     * @param filter   which frames this subscriber wants
     * @param listener called on the subscription's own thread, never concurrently with itself
     */
    Subscription subscribe(String name, Predicate<MediaFrame> filter, FrameListener listener);

    /** Counters of every stream seen on this bus. */
    List<StreamStats> stats();

    /** Counters of one stream, or null if it has not been seen. */
    StreamStats stats(StreamKey key);

    /** Registers a listener for keyframe requests; close the returned handle to remove it. */
    AutoCloseable addKeyframeListener(KeyframeListener listener);
}
