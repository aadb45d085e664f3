package dev.parley.api;

/** Receives frames from a bus subscription, always on that subscription's own delivery thread. */
@FunctionalInterface
public interface FrameListener {
    void onFrame(MediaFrame frame);
}
