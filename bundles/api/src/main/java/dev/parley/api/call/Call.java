package dev.parley.api.call;

import org.osgi.annotation.versioning.ProviderType;

import dev.parley.api.MediaBus;
import java.util.List;

/**
 * A running call: a local media bus joined to a room. Local frames published on {@link #bus()} are sent; remote
 * frames arrive there. Registered as a service by the client so that views and consoles can find it.
 */
@ProviderType
public interface Call {
    /** The local participant's name. */
    String name();

    String room();

    CallState state();

    /** This participant's number, or 0 before the first WELCOME. */
    int localId();

    /** Everyone in the room, this participant included. */
    List<Participant> roster();

    /** The most recent chat lines, oldest first. */
    List<ChatMessage> history();

    MediaBus bus();

    /** Sends a chat line to the room. */
    void say(String text);

    /** Round-trip time to the relay in microseconds, or -1 before the first PONG. */
    long roundTripMicros();

    /**
     * How this call's connection is protected, in a few words for people ("TLS 1.3", "plaintext"), and what
     * end-to-end encryption dropped, if it is on.
     */
    default String protection() {
        return "";
    }

    void addListener(CallListener listener);

    void removeListener(CallListener listener);

    /** Leaves the room and stops reconnecting. */
    void leave();
}
