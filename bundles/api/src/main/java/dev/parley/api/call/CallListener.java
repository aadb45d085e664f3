package dev.parley.api.call;

import org.osgi.annotation.versioning.ConsumerType;

/** Events of a call. Called from the call's network thread: return quickly. */
@ConsumerType
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
