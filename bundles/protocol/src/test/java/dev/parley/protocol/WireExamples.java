package dev.parley.protocol;

import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.function.Supplier;

/**
 * The example frames of docs/PROTOCOL.md, one session's worth: alice (participant 2) joins bob (participant 1) in
 * room "lobby". The dumps in the document are generated from these by {@link WireExamplesTest}.
 */
final class WireExamples {
    private WireExamples() {
    }

    record Example(String title, Supplier<Frame> frame) {
        byte[] bytes() { return TestWire.encode(frame.get()); }
    }

    /** 2025-06-15T15:06:40Z in µs since the epoch: the relay's clock in the examples. */
    static final long T0 = 1_750_000_000_000_000L;

    /** The salt and nonce of the CHALLENGE example: 16 bytes 00..0f, 32 bytes 20..3f. */
    static final byte[] SALT = sequence(0x00, 16);
    static final byte[] NONCE = sequence(0x20, 32);

    /** Alice's answer to the CHALLENGE example, for the passphrase "correct horse battery staple" (computed once: Argon2id is slow). */
    static final byte[] AUTH_RESPONSE = dev.parley.security.RoomPassphrase.response(
            dev.parley.security.RoomPassphrase.key("correct horse battery staple", SALT,
                    dev.parley.security.RoomPassphrase.Cost.DEFAULT), NONCE, "lobby", "alice");

    private static byte[] sequence(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (from + i);
        return b;
    }

    static final List<Example> ALL = List.of(
            new Example("HELLO (client -> relay)",
                    () -> new Messages.Hello(Messages.Role.CLIENT, "alice", "lobby", "").toFrame()),
            new Example("WELCOME (relay -> client)",
                    () -> new Messages.Welcome(2, "lobby", Wire.DEFAULT_MAX_PAYLOAD, 4, "parley-relay/0.1").toFrame()),
            new Example("ERROR (relay -> client)",
                    () -> new Messages.Error(ErrorCode.HANDSHAKE_TIMEOUT, "no HELLO in time").toFrame()),
            new Example("JOINED (relay -> client)",
                    () -> new Messages.Joined(1, "bob").toFrame()),
            new Example("LEFT (relay -> client)",
                    () -> new Messages.Left(1, Messages.LeaveReason.BYE, "bob").toFrame()),
            new Example("VIDEO (client -> relay)",
                    () -> new Frame(MessageType.VIDEO, Wire.FLAG_KEYFRAME, 1, 0, 42, T0, "jpeg",
                            Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9}))),
            new Example("VIDEO (relay -> other clients)",
                    () -> new Frame(MessageType.VIDEO, Wire.FLAG_KEYFRAME, 1, 2, 42, T0, "jpeg",
                            Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xd9}))),
            new Example("AUDIO (client -> relay)",
                    () -> new Frame(MessageType.AUDIO, 0, 2, 0, 7, T0 + 20_000, "pcm-s16le;rate=16000",
                            Unpooled.wrappedBuffer(new byte[] {0x00, 0x00, (byte) 0xff, 0x7f, 0x00, (byte) 0x80, 0x01, 0x00}))),
            new Example("TEXT (client -> relay)",
                    () -> Frame.text(0, 3, T0 + 30_000, "h\u00e9llo")),
            new Example("RECEIVED (client -> relay)",
                    () -> new Messages.Received(17).toFrame()),
            new Example("PING (client -> relay)",
                    () -> new Messages.Ping(T0 - 2_500).toFrame()),
            new Example("PONG (relay -> client)",
                    () -> new Messages.Pong(T0 - 2_500, T0 + 300, T0 + 350).toFrame()),
            new Example("BYE (client -> relay)",
                    () -> new Messages.Bye("quit").toFrame()),
            new Example("KEYFRAME_REQUEST (client -> relay)",
                    () -> new Messages.KeyframeRequest(0, 2, 1).toFrame()),
            new Example("KEYFRAME_REQUEST (relay -> target)",
                    () -> new Messages.KeyframeRequest(1, 2, 1).toFrame()),
            new Example("CHALLENGE (relay -> client)",
                    () -> new Messages.Challenge("argon2id", 65536, 3, 1, SALT, NONCE).toFrame()),
            new Example("AUTH (client -> relay)",
                    () -> new Messages.Auth(AUTH_RESPONSE).toFrame()),
            new Example("CODECS (client -> relay)",
                    () -> new Messages.Codecs(0, List.of("jpeg", "pcm-s16le", "opus")).toFrame()),
            new Example("CODECS (relay -> other clients)",
                    () -> new Messages.Codecs(2, List.of("jpeg", "pcm-s16le", "opus")).toFrame()));
}
