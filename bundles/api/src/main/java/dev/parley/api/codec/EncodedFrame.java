package dev.parley.api.codec;

/**
 * An encoder's output for one raw frame.
 *
 * @param codecId  the codec id to put on the frame, with parameters (for example {@code pcm-s16le;rate=16000})
 * @param data     the payload
 * @param keyframe whether a decoder can start at this frame
 */
public record EncodedFrame(String codecId, byte[] data, boolean keyframe) {
}
