package dev.parley.api;

import org.osgi.annotation.versioning.ConsumerType;

/** Told when a subscriber had to drop frames of an inter-frame stream and now waits for a keyframe. */
@FunctionalInterface
@ConsumerType
public interface KeyframeListener {
    void keyframeNeeded(StreamKey stream);
}
