package dev.parley.api.call;

/**
 * Where and as whom to join.
 *
 * @param host the relay's host name or address
 * @param port the relay's TCP port
 * @param name the participant name shown to others (1 to 64 bytes of UTF-8)
 * @param room the room to join (1 to 64 bytes of UTF-8)
 */
public record ConnectOptions(String host, int port, String name, String room) {
    public static final int DEFAULT_PORT = 7000;
    public static final String DEFAULT_ROOM = "lobby";
}
