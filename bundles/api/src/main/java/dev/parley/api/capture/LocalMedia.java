package dev.parley.api.capture;

import org.osgi.annotation.versioning.ProviderType;

import dev.parley.api.MediaBus;

/**
 * The local participant's media as switches: which kinds to send, in what format. A call's owner starts a session
 * on its bus and later {@linkplain Session#update updates} it, which starts and stops publications (and remote
 * audio playout) without touching the call itself: a stage switch from video to video with audio is one update.
 */
@ProviderType
public interface LocalMedia {
    Session start(MediaBus bus, String participantName, Settings settings);

    /**
     * Starts the local participant's media as configured (the {@code parley.media} settings: what to send, at what
     * size and rate, from which source, with which codec) and follows every change of that configuration while the
     * session runs: a stage switch or an edited {@code config/parley.media.cfg} updates it live.
     */
    Session start(MediaBus bus, String participantName);

    /**
     * What to send.
     *
     * @param video       send video (camera or test pattern)
     * @param audio       send audio (microphone or tone) and play the remote audio
     * @param videoWidth  pixels
     * @param videoHeight pixels
     * @param fps         video frames per second
     * @param sampleRate  audio samples per second
     * @param videoSource preferred video source id, empty for the best present
     * @param audioSource preferred audio source id, empty for the best present
     * @param videoCodec  preferred video codec name, empty for the best present
     * @param audioCodec  preferred audio codec name, empty for the best present
     */
    record Settings(boolean video, boolean audio, int videoWidth, int videoHeight, int fps, int sampleRate,
                    String videoSource, String audioSource, String videoCodec, String audioCodec) {
        public Settings {
            videoSource = videoSource == null ? "" : videoSource.strip();
            audioSource = audioSource == null ? "" : audioSource.strip();
            videoCodec = videoCodec == null ? "" : videoCodec.strip();
            audioCodec = audioCodec == null ? "" : audioCodec.strip();
        }

        /** Best source and codec present. */
        public Settings(boolean video, boolean audio, int videoWidth, int videoHeight, int fps, int sampleRate) {
            this(video, audio, videoWidth, videoHeight, fps, sampleRate, "", "", "", "");
        }
    }

    /** Running media; close it to stop everything. */
    @ProviderType
    interface Session extends AutoCloseable {
        /** Starts what is newly asked for, stops what no longer is, restarts what changed format. */
        void update(Settings settings);

        @Override
        void close();
    }
}
