package dev.parley.api;

/** Told when a subscriber had to drop frames of an inter-frame stream and now waits for a keyframe. */
@FunctionalInterface
public interface KeyframeListener {
    void keyframeNeeded(StreamKey stream);
}
