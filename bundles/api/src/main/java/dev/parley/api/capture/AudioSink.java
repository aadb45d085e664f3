package dev.parley.api.capture;

import org.osgi.annotation.versioning.ConsumerType;

import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.MediaFormat;

/** Plays audio: a sound card, or a null sink that paces itself in real time. Ranked like sources. */
@ConsumerType
public interface AudioSink {
    String PROP_SINK = "parley.sink";

    String id();

    String description();

    Playback open(MediaFormat format) throws CaptureException;

    /** One open output line. {@link #play} blocks for at most about one frame's duration. */
    @ConsumerType
    interface Playback extends AutoCloseable {
        void play(AudioSamples samples);

        /** Frames that arrived too late or too early to be played and were skipped. */
        long skipped();

        @Override
        void close();
    }
}
