package dev.parley.relay.internal;

import dev.parley.security.RoomPassphrase;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rooms that need a passphrase, with the key each passphrase gives (Argon2id with a salt of its own, made when
 * the relay starts), and how long each address must wait before it may try again after failing.
 */
final class RoomLocks {
    /** What a protected room's challenge carries and its answer is checked against. */
    record Lock(byte[] salt, byte[] key, RoomPassphrase.Cost cost) {
    }

    private static final long MAX_DELAY_MILLIS = 8_000;
    private static final long FORGET_AFTER_MILLIS = 10 * 60_000;
    private final Map<String, Lock> locks = new HashMap<>();
    private final ConcurrentHashMap<InetAddress, long[]> failures = new ConcurrentHashMap<>();

    /**
     * @param spec {@code ROOM=PASSPHRASE} entries, one per line (the room is what comes before the first {@code =})
     */
    RoomLocks(String spec, RoomPassphrase.Cost cost) {
        for (String line : spec.split("\\R")) {
            if (line.isBlank()) continue;
            int eq = line.indexOf('=');
            if (eq <= 0 || eq == line.length() - 1) {
                throw new IllegalArgumentException("roomPassphrases: '" + line.strip().replaceAll("=.*", "=...")
                        + "' is not ROOM=PASSPHRASE");
            }
            byte[] salt = RoomPassphrase.randomBytes(16);
            locks.put(line.substring(0, eq).strip(), new Lock(salt, RoomPassphrase.key(line.substring(eq + 1), salt, cost), cost));
        }
    }

    /** The lock of {@code room}, or null if anyone may join it. */
    Lock lock(String room) {
        return locks.get(room);
    }

    int size() { return locks.size(); }

    /** How long this address waits for its next challenge: doubling from 250 ms with each recent failure, to 8 s. */
    long delayMillis(InetAddress address) {
        long[] f = failures.get(address);
        if (f == null) return 0;
        if (System.currentTimeMillis() - f[1] > FORGET_AFTER_MILLIS) {
            failures.remove(address, f);
            return 0;
        }
        return Math.min(MAX_DELAY_MILLIS, 250L << Math.min(f[0] - 1, 6));
    }

    void failed(InetAddress address) {
        failures.compute(address, (a, f) -> new long[] {f == null ? 1 : f[0] + 1, System.currentTimeMillis()});
    }

    void succeeded(InetAddress address) {
        failures.remove(address);
    }
}
