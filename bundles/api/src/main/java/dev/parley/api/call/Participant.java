package dev.parley.api.call;

/**
 * A member of a room.
 *
 * @param id   number assigned by the relay, unique in the relay's lifetime
 * @param name the name the participant gave
 * @param self whether this is the local participant
 */
public record Participant(int id, String name, boolean self) {
    @Override
    public String toString() {
        return id + " " + name;
    }
}
