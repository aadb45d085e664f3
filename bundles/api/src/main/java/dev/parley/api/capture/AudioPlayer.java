package dev.parley.api.capture;

import org.osgi.annotation.versioning.ProviderType;

import dev.parley.api.MediaBus;

/** Plays the remote audio arriving on a bus through the best audio sink present, one playback per stream. */
@ProviderType
public interface AudioPlayer {
    /** Starts playing; close the handle to stop. */
    AutoCloseable start(MediaBus bus);
}
