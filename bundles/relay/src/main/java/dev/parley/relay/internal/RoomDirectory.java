package dev.parley.relay.internal;

/**
 * The rooms of a running relay and what connections need of it: the Parley connections ({@link RelayConnection})
 * and other ways in (the plain-text port). A service private to this bundle: its package is not exported.
 */
public interface RoomDirectory {
    /**
     * Lets a newcomer into the room of that name (created if need be): gives it a participant number, builds it
     * with {@code newcomer}, lists it in the relay's figures, and tells the room. Atomic against other joins and
     * leaves, so an empty room that is being removed never takes a member.
     *
     * @throws LimitReached when the room is full, or it would be one room too many
     */
    Member enter(String room, java.util.function.BiFunction<Integer, Room, Member> newcomer);

    /** Unlists a member, tells its room it left (removing the room if it is now empty). Idempotent. */
    void exit(Member m, dev.parley.protocol.Messages.LeaveReason reason);

    RelaySettings settings();

    /** Where the relay's own failures are logged and counted. */
    RelayErrors errors();

    /** Who may connect: per address, and while joining. */
    ConnectionGate gate();

    /** The rooms that need a passphrase. */
    RoomLocks locks();

    /** Counts a connection the relay closed itself, by the reason the others see. */
    void counted(dev.parley.protocol.Messages.LeaveReason reason);
}
