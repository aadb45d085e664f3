package dev.parley.api.capture;

import org.osgi.annotation.versioning.ProviderType;

import dev.parley.api.MediaBus;
import java.util.List;

/**
 * Plays the remote audio arriving on a bus: each stream through a jitter buffer of its own, all of them mixed into
 * one playback of the best audio sink present.
 */
@ProviderType
public interface AudioPlayer {
    /** Starts playing; close the handle to stop. */
    AutoCloseable start(MediaBus bus);

    /** The figures of every remote audio stream playing now, on every bus started, one entry per stream. */
    List<PlayoutStats> stats();
}
