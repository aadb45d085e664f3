package dev.parley.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives frames from a bus subscription, always on that subscription's own delivery thread. */
@FunctionalInterface
@ConsumerType
public interface FrameListener {
    void onFrame(MediaFrame frame);
}
