package dev.parley.api.codec;

import dev.parley.api.MediaKind;

/**
 * What an encoder session is opened for.
 *
 * @param kind        video or audio
 * @param width       video width in pixels (0 for audio)
 * @param height      video height in pixels (0 for audio)
 * @param frameRate   video frames per second (0 for audio)
 * @param sampleRate  audio samples per second (0 for video)
 * @param channels    audio channels (0 for video)
 * @param frameMillis audio frame duration in milliseconds (0 for video)
 */
public record MediaFormat(MediaKind kind, int width, int height, int frameRate, int sampleRate, int channels,
                          int frameMillis) {
    public static MediaFormat video(int width, int height, int frameRate) {
        return new MediaFormat(MediaKind.VIDEO, width, height, frameRate, 0, 0, 0);
    }

    public static MediaFormat audio(int sampleRate, int channels, int frameMillis) {
        return new MediaFormat(MediaKind.AUDIO, 0, 0, 0, sampleRate, channels, frameMillis);
    }
}
