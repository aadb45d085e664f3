package dev.parley.api.capture;

import dev.parley.api.codec.MediaFormat;

/**
 * What to capture.
 *
 * @param participantName drawn into test patterns so receivers can tell streams apart
 * @param format          the wanted format; sources may pick the closest they have
 */
public record CaptureSpec(String participantName, MediaFormat format) {
}
