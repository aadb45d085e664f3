package dev.parley.api.call;

/** Events of a call. Called from the call's network thread: return quickly. */
public interface CallListener {
    default void stateChanged(CallState state, String detail) {
    }

    default void joined(Participant participant) {
    }

    default void left(Participant participant, String reason) {
    }

    default void chat(ChatMessage message) {
    }
}
