package dev.parley.api;

import org.osgi.annotation.versioning.ProviderType;

/** A subscriber's place on the bus: a bounded queue and a delivery thread. Close it to leave. */
@ProviderType
public interface Subscription extends AutoCloseable {
    String name();

    /** Frames this subscriber lost to its queue policy (video replaced, audio overflowed, gap until keyframe). */
    long dropped();

    /** Frames handed to the listener. */
    long delivered();

    @Override
    void close();
}
