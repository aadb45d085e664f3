package dev.parley.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * End-to-end media encryption in the manner of SFrame (RFC 9605): every sender encrypts each media payload with
 * AES-256-GCM under a key of its own, so the relay forwards what it cannot read, and receivers drop frames that were
 * changed or replayed.
 *
 * <p>Keys: the room's base key is Argon2id of the passphrase with the salt {@code "parley-e2ee-v1:" + room} (the same
 * for everyone in the room, and not the one the relay's challenge uses). Each sender picks a random 64-bit key id
 * (KID) when it starts; its key and nonce salt are HKDF-SHA256 of the base key with the KID. A sealed payload is
 *
 * <pre>
 *  1 byte   0x01 (this layout)
 *  8 bytes  KID, big-endian
 *  8 bytes  CTR, the sender's frame counter, big-endian, from 0
 *  N bytes  AES-256-GCM ciphertext of the payload, then its 16-byte tag
 * </pre>
 *
 * The nonce is the 12-byte salt XOR CTR (right-aligned); the additional authenticated data are the first 17 bytes,
 * the message type, the stream and the codec id, so none of them can be changed unseen. A receiver keeps, per KID,
 * the highest CTR seen and which of the 64 before it arrived, and drops a frame at or behind that window or seen
 * before.
 */
public final class MediaCipher {
    static final byte LAYOUT = 0x01;
    static final int HEADER = 17;
    static final int TAG_BYTES = 16;
    private static final int WINDOW = 64;

    private final byte[] baseKey;

    private MediaCipher(byte[] baseKey) {
        this.baseKey = baseKey;
    }

    /** The room's cipher: Argon2id of the passphrase (about a quarter of a second, once per call). */
    public static MediaCipher forRoom(String passphrase, String room) {
        return new MediaCipher(RoomPassphrase.key(passphrase, ("parley-e2ee-v1:" + room).getBytes(StandardCharsets.UTF_8),
                RoomPassphrase.Cost.DEFAULT));
    }

    /** A new sender: a fresh random KID and a counter from 0. */
    public Sealer sealer() {
        return new Sealer(ByteBuffer.wrap(RoomPassphrase.randomBytes(8)).getLong());
    }

    public Opener opener() {
        return new Opener();
    }

    private byte[] derive(String label, long kid, int bytes) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        byte[] info = ByteBuffer.allocate(label.length() + 8).put(label.getBytes(StandardCharsets.US_ASCII)).putLong(kid).array();
        hkdf.init(new HKDFParameters(baseKey, null, info));
        byte[] out = new byte[bytes];
        hkdf.generateBytes(out, 0, bytes);
        return out;
    }

    private static byte[] aad(byte[] header, int type, int stream, String codec) {
        byte[] c = codec.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(HEADER + 1 + 2 + c.length).put(header, 0, HEADER).put((byte) type)
                .putShort((short) stream).put(c).array();
    }

    private static byte[] nonce(byte[] salt, long counter) {
        byte[] n = salt.clone();
        for (int i = 0; i < 8; i++) n[11 - i] ^= (byte) (counter >>> (8 * i));
        return n;
    }

    /** One sender's side: not thread-safe (one per sending stream or call, used from one thread at a time). */
    public final class Sealer {
        private final long kid;
        private final SecretKeySpec key;
        private final byte[] salt;
        private long counter;

        private Sealer(long kid) {
            this.kid = kid;
            this.key = new SecretKeySpec(derive("parley e2ee key", kid, 32), "AES");
            this.salt = derive("parley e2ee salt", kid, 12);
        }

        public long kid() { return kid; }

        /** Encrypts one payload of a frame of message type {@code type} (its wire code) on {@code stream}. */
        public synchronized byte[] seal(int type, int stream, String codec, byte[] payload) {
            long ctr = counter++;
            byte[] out = new byte[HEADER + payload.length + TAG_BYTES];
            ByteBuffer.wrap(out).put(LAYOUT).putLong(kid).putLong(ctr);
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce(salt, ctr)));
                c.updateAAD(aad(out, type, stream, codec));
                c.doFinal(payload, 0, payload.length, out, HEADER);
                return out;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
            }
        }
    }

    /** The receiving side for every sender of the room: keys per KID, replay windows per KID. Thread-safe. */
    public final class Opener {
        private final Map<Long, Receiving> byKid = new HashMap<>();

        /**
         * The payload a sender sealed.
         *
         * @throws Rejected when the payload is not sealed, was changed, or was seen before (or is too old to tell)
         */
        public synchronized byte[] open(int type, int stream, String codec, byte[] sealed) throws Rejected {
            if (sealed.length < HEADER + TAG_BYTES || sealed[0] != LAYOUT) {
                throw new Rejected(false, "not an end-to-end encrypted payload (" + sealed.length + " bytes"
                        + (sealed.length > 0 ? ", starting " + String.format("%02x", sealed[0]) : "") + ")");
            }
            ByteBuffer h = ByteBuffer.wrap(sealed);
            h.get();
            long kid = h.getLong();
            long ctr = h.getLong();
            Receiving r = byKid.computeIfAbsent(kid, Receiving::new);
            if (!r.fresh(ctr)) throw new Rejected(true, "frame " + ctr + " of sender key " + Long.toHexString(kid) + " replayed");
            byte[] plain;
            try {
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.DECRYPT_MODE, r.key, new GCMParameterSpec(TAG_BYTES * 8, nonce(r.salt, ctr)));
                c.updateAAD(aad(sealed, type, stream, codec));
                plain = c.doFinal(sealed, HEADER, sealed.length - HEADER);
            } catch (javax.crypto.AEADBadTagException e) {
                throw new Rejected(false, "frame " + ctr + " of sender key " + Long.toHexString(kid)
                        + " does not authenticate: changed on the way, or sealed with another passphrase");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM failed: " + e.getMessage(), e);
            }
            r.seen(ctr);
            return plain;
        }
    }

    private final class Receiving {
        final SecretKeySpec key;
        final byte[] salt;
        long highest = -1;
        long window; // bit i: highest - i was seen

        Receiving(long kid) {
            this.key = new SecretKeySpec(derive("parley e2ee key", kid, 32), "AES");
            this.salt = derive("parley e2ee salt", kid, 12);
        }

        boolean fresh(long ctr) {
            if (ctr > highest) return true;
            long behind = highest - ctr;
            return behind < WINDOW && (window & (1L << behind)) == 0;
        }

        void seen(long ctr) {
            if (ctr > highest) {
                long shift = highest < 0 ? WINDOW : ctr - highest;
                window = shift >= WINDOW ? 0 : window << shift;
                highest = ctr;
                window |= 1;
            } else {
                window |= 1L << (highest - ctr);
            }
        }
    }

    /** A sealed payload that is dropped: {@code replayed} tells a replay from tampering or a wrong key. */
    public static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean replayed;

        Rejected(boolean replayed, String message) {
            super(message);
            this.replayed = replayed;
        }

        public boolean replayed() { return replayed; }
    }
}
