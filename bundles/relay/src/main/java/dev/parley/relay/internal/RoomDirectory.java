package dev.parley.relay.internal;

/**
 * The rooms of a running relay, for other ways into it than the Parley protocol (the plain-text port). A service
 * private to this bundle: its package is not exported.
 */
public interface RoomDirectory {
    /** The room of that name, created on first use. */
    Room room(String name);

    /** A participant number never given before. */
    int nextParticipantId();

    /** Lists a member in the relay's figures; call before the room hears of it. */
    void joined(Member m);

    /** Unlists a member; call before the room hears it left. */
    void left(Member m);

    RelaySettings settings();

    /** Where the relay's own failures are logged and counted. */
    RelayErrors errors();
}
