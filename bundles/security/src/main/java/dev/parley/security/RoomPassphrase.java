package dev.parley.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Proving knowledge of a room's passphrase without sending it. The relay sends a CHALLENGE with Argon2id
 * parameters, a salt and a fresh nonce; the client derives a 32-byte key from the passphrase with Argon2id
 * (memory-hard, so guessing passphrases offline is slow) and answers AUTH with HMAC-SHA256 of the nonce, the room
 * and its name under that key. The relay, which derived the same key from its configuration, compares in constant
 * time. The passphrase itself never crosses the network.
 */
public final class RoomPassphrase {
    /** What a client accepts from a relay's CHALLENGE before refusing it as unreasonable. */
    public static final int MAX_MEMORY_KIB = 1024 * 1024;
    public static final int MAX_ITERATIONS = 16;
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 32;
    private static final byte[] CONTEXT = "parley-auth-v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Argon2id's cost.
     *
     * @param memoryKiB   memory in KiB (64 MiB by default)
     * @param iterations  passes over the memory
     * @param parallelism lanes
     */
    public record Cost(int memoryKiB, int iterations, int parallelism) {
        public static final Cost DEFAULT = new Cost(64 * 1024, 3, 1);

        /** Whether a client should spend this much on a relay's say-so. */
        public boolean reasonable() {
            return memoryKiB >= 8 && memoryKiB <= MAX_MEMORY_KIB && iterations >= 1 && iterations <= MAX_ITERATIONS
                    && parallelism >= 1 && parallelism <= 16;
        }
    }

    private RoomPassphrase() {
    }

    /** Argon2id of {@code passphrase} (UTF-8) with {@code salt}: 32 bytes. */
    public static byte[] key(String passphrase, byte[] salt, Cost cost) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(cost.memoryKiB()).withIterations(cost.iterations())
                .withParallelism(cost.parallelism()).build());
        byte[] out = new byte[KEY_BYTES];
        generator.generateBytes(passphrase.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** The AUTH answer to a CHALLENGE: HMAC-SHA256(key, "parley-auth-v1" | nonce | room | name). */
    public static byte[] response(byte[] key, byte[] nonce, String room, String name) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(CONTEXT);
            mac.update(nonce);
            mac.update(lengthPrefixed(room));
            mac.update(lengthPrefixed(name));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** Whether {@code answer} is the right response, compared in constant time. */
    public static boolean verify(byte[] key, byte[] nonce, String room, String name, byte[] answer) {
        return MessageDigest.isEqual(response(key, nonce, room, name), answer);
    }

    private static byte[] lengthPrefixed(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + b.length).putShort((short) b.length).put(b).array();
    }
}
