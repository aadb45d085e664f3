package dev.parley.api;

/**
 * Identifies one media stream: who sends it, what kind, and which of the sender's streams.
 *
 * @param sender participant number assigned by the relay, or {@link MediaFrame#LOCAL} for this process's own streams
 * @param kind   the media kind
 * @param stream the sender's stream number (0 for the first camera, microphone or chat)
 */
public record StreamKey(int sender, MediaKind kind, int stream) {
    public StreamKey {
        if (kind == null) throw new IllegalArgumentException("kind is required");
    }

    @Override
    public String toString() {
        return sender + "/" + kind.name().toLowerCase() + (stream == 0 ? "" : "#" + stream);
    }
}
