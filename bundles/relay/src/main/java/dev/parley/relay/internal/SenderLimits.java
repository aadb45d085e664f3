package dev.parley.relay.internal;

import dev.parley.protocol.MessageType;

/**
 * What one participant may send: chat messages and chat bytes per second, media bytes per second, each with a
 * burst. A sender over its share is not cut off and loses nothing: the relay stops reading its socket until it is
 * back within the share (TCP then slows the sender down), so a flooder cannot crowd out anyone else.
 */
final class SenderLimits {
    private final TokenBucket textMessages;
    private final TokenBucket textBytes;
    private final TokenBucket mediaBytes;
    private long pauses;

    SenderLimits(RelaySettings s, long nowNanos) {
        textMessages = new TokenBucket(s.textMessagesPerSecond(), s.textMessageBurst(), nowNanos);
        textBytes = new TokenBucket(s.textBytesPerSecond(), s.textBytesPerSecond() * 4.0, nowNanos);
        mediaBytes = new TokenBucket(s.mediaBytesPerSecond(), s.mediaBurstBytes(), nowNanos);
    }

    /** Counts one frame; returns 0, or how many nanoseconds to stop reading this sender. */
    long charge(MessageType type, int payloadBytes, long nowNanos) {
        long wait = switch (type) {
            case TEXT -> Math.max(textMessages.take(1, nowNanos), textBytes.take(payloadBytes, nowNanos));
            case VIDEO, AUDIO -> mediaBytes.take(payloadBytes, nowNanos);
            default -> 0;
        };
        if (wait > 0) pauses++;
        return wait;
    }

    /** How often this sender was paused for going over its share. */
    long pauses() { return pauses; }
}
