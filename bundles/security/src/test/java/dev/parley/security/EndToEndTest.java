package dev.parley.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Room passphrases and end-to-end media encryption, as the relay and receivers see them. */
class EndToEndTest {
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10, 'J', 'F', 'I', 'F', 0};
    private static MediaCipher room;
    private static MediaCipher sameRoom;
    private static MediaCipher otherPassphrase;

    @BeforeAll
    static void keys() {
        room = MediaCipher.forRoom("correct horse", "lab");
        sameRoom = MediaCipher.forRoom("correct horse", "lab");
        otherPassphrase = MediaCipher.forRoom("wrong horse", "lab");
    }

    @Test
    void whatOneSenderSealsEveryoneWithThePassphraseOpensAndTheRelaySeesNoJpegMarker() throws Exception {
        MediaCipher.Sealer alice = room.sealer();
        byte[] sealed = alice.seal(0x10, 1, "jpeg", JPEG);
        assertEquals(MediaCipher.HEADER + JPEG.length + MediaCipher.TAG_BYTES, sealed.length);
        assertFalse(contains(sealed, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff}), "no JPEG start of image in what the relay forwards");
        assertArrayEquals(JPEG, sameRoom.opener().open(0x10, 1, "jpeg", sealed));
    }

    @Test
    void aChangedByteAChangedStreamOrCodecOrAnotherPassphraseIsRejected() throws Exception {
        byte[] sealed = room.sealer().seal(0x10, 1, "jpeg", JPEG);
        byte[] changed = sealed.clone();
        changed[changed.length - 20] ^= 1;
        assertFalse(assertThrows(MediaCipher.Rejected.class, () -> room.opener().open(0x10, 1, "jpeg", changed)).replayed());
        assertThrows(MediaCipher.Rejected.class, () -> room.opener().open(0x10, 2, "jpeg", sealed));
        assertThrows(MediaCipher.Rejected.class, () -> room.opener().open(0x11, 1, "jpeg", sealed));
        assertThrows(MediaCipher.Rejected.class, () -> room.opener().open(0x10, 1, "png", sealed));
        assertThrows(MediaCipher.Rejected.class, () -> otherPassphrase.opener().open(0x10, 1, "jpeg", sealed));
        assertThrows(MediaCipher.Rejected.class, () -> room.opener().open(0x10, 1, "jpeg", JPEG), "a payload never sealed");
    }

    @Test
    void aReplayedFrameIsRejectedAndFramesOutOfOrderInsideTheWindowAreNot() throws Exception {
        MediaCipher.Sealer s = room.sealer();
        byte[][] frames = new byte[100][];
        for (int i = 0; i < 100; i++) frames[i] = s.seal(0x11, 2, "pcm", new byte[] {(byte) i});
        MediaCipher.Opener bob = room.opener();
        bob.open(0x11, 2, "pcm", frames[10]);
        bob.open(0x11, 2, "pcm", frames[5]);           // late, but inside the window
        assertTrue(assertThrows(MediaCipher.Rejected.class, () -> bob.open(0x11, 2, "pcm", frames[10])).replayed());
        assertTrue(assertThrows(MediaCipher.Rejected.class, () -> bob.open(0x11, 2, "pcm", frames[5])).replayed());
        bob.open(0x11, 2, "pcm", frames[99]);
        assertTrue(assertThrows(MediaCipher.Rejected.class, () -> bob.open(0x11, 2, "pcm", frames[20])).replayed(),
                "too far behind to tell: dropped as a replay");
        assertEquals(1, bob.open(0x11, 2, "pcm", frames[98])[0] == 98 ? 1 : 0);
    }

    @Test
    void twoSendersNeverShareAKeyOrNonce() throws Exception {
        MediaCipher.Sealer a = room.sealer();
        MediaCipher.Sealer b = room.sealer();
        assertTrue(a.kid() != b.kid());
        byte[] fromA = a.seal(0x10, 1, "jpeg", JPEG);
        byte[] fromB = b.seal(0x10, 1, "jpeg", JPEG);
        assertFalse(Arrays.equals(Arrays.copyOfRange(fromA, 17, fromA.length), Arrays.copyOfRange(fromB, 17, fromB.length)));
        MediaCipher.Opener o = room.opener();
        assertArrayEquals(JPEG, o.open(0x10, 1, "jpeg", fromA));
        assertArrayEquals(JPEG, o.open(0x10, 1, "jpeg", fromB), "the same counter from another sender is no replay");
    }

    @Test
    void theChallengeResponseProvesThePassphraseWithoutSendingIt() {
        RoomPassphrase.Cost cheap = new RoomPassphrase.Cost(1024, 1, 1);
        byte[] salt = RoomPassphrase.randomBytes(16);
        byte[] relayKey = RoomPassphrase.key("correct horse", salt, cheap);
        byte[] nonce = RoomPassphrase.randomBytes(RoomPassphrase.NONCE_BYTES);
        byte[] answer = RoomPassphrase.response(RoomPassphrase.key("correct horse", salt, cheap), nonce, "lab", "alice");
        assertTrue(RoomPassphrase.verify(relayKey, nonce, "lab", "alice", answer));
        assertFalse(contains(answer, "correct horse".getBytes(StandardCharsets.UTF_8)));
        assertFalse(RoomPassphrase.verify(relayKey, nonce, "lab", "mallory", answer), "bound to the name");
        assertFalse(RoomPassphrase.verify(relayKey, RoomPassphrase.randomBytes(32), "lab", "alice", answer), "bound to the nonce");
        byte[] wrong = RoomPassphrase.response(RoomPassphrase.key("wrong horse", salt, cheap), nonce, "lab", "alice");
        assertFalse(RoomPassphrase.verify(relayKey, nonce, "lab", "alice", wrong));
        assertFalse(new RoomPassphrase.Cost(4 * 1024 * 1024, 3, 1).reasonable(), "4 GiB is not a reasonable request");
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
