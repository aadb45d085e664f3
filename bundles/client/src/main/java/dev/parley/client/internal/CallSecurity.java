package dev.parley.client.internal;

import dev.parley.api.call.ConnectOptions;
import dev.parley.call.MediaProtection;
import dev.parley.protocol.MessageType;
import dev.parley.protocol.Messages;
import dev.parley.security.MediaCipher;
import dev.parley.security.RoomPassphrase;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call's passphrase at work: answering the room's CHALLENGE, and, with end-to-end encryption, sealing every media
 * payload this participant sends and opening those it receives (TEXT travels as {@code E2EE1:} and base64, so it
 * stays valid UTF-8 on the wire). Argon2id takes a few hundred milliseconds and runs off the event loops.
 */
final class CallSecurity implements MediaProtection {
    private static final Logger LOG = LoggerFactory.getLogger(CallSecurity.class);
    static final String TEXT_PREFIX = "E2EE1:";

    private final ConnectOptions options;
    private final Executor slowWork;
    private final Map<String, byte[]> keysBySalt = new ConcurrentHashMap<>();
    private final CompletableFuture<MediaCipher> cipher;
    private volatile MediaCipher.Sealer sealer;
    private volatile MediaCipher.Opener opener;
    final AtomicLong tampered = new AtomicLong();
    final AtomicLong replayed = new AtomicLong();
    final AtomicLong unsealed = new AtomicLong();
    final AtomicLong notReady = new AtomicLong();

    CallSecurity(ConnectOptions options, Executor slowWork) {
        this.options = options;
        this.slowWork = slowWork;
        if (options.security().endToEnd()) {
            cipher = CompletableFuture.supplyAsync(() -> MediaCipher.forRoom(options.security().passphrase(), options.room()), slowWork);
            cipher.thenAccept(c -> {
                sealer = c.sealer();
                opener = c.opener();
            });
        } else {
            cipher = null;
        }
    }

    boolean endToEnd() {
        return cipher != null;
    }

    /**
     * The AUTH for a CHALLENGE, or a reason the call cannot answer it (no passphrase, a cost no client should pay).
     */
    CompletableFuture<Messages.Auth> answer(Messages.Challenge c) {
        String passphrase = options.security().passphrase();
        if (passphrase.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalStateException("room " + options.room()
                    + " needs a passphrase: join with --passphrase"));
        }
        RoomPassphrase.Cost cost = new RoomPassphrase.Cost(c.memoryKiB(), c.iterations(), c.parallelism());
        if (!"argon2id".equals(c.kdf()) || !cost.reasonable()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the relay asks for " + c.kdf() + " with "
                    + c.memoryKiB() + " KiB and " + c.iterations() + " passes, which this client does not do"));
        }
        String salt = HexFormat.of().formatHex(c.salt()) + "/" + c.memoryKiB() + "/" + c.iterations() + "/" + c.parallelism();
        return CompletableFuture.supplyAsync(() -> keysBySalt.computeIfAbsent(salt,
                        s -> RoomPassphrase.key(passphrase, c.salt(), cost)), slowWork)
                .thenApply(key -> new Messages.Auth(RoomPassphrase.response(key, c.nonce(), options.room(), options.name())));
    }

    /** The payload to send, sealed; null while the key is still being derived (the frame is then skipped). */
    @Override
    public byte[] seal(MessageType type, int stream, String codec, byte[] payload) {
        MediaCipher.Sealer s = sealer;
        if (s == null) {
            notReady.incrementAndGet();
            return null;
        }
        return s.seal(type.code(), stream, codec, payload);
    }

    /** A received payload, opened; null (and counted, and said once) when it does not open. */
    @Override
    public byte[] open(MessageType type, int stream, String codec, byte[] sealed, String from) {
        MediaCipher.Opener o = opener;
        if (o == null) {
            notReady.incrementAndGet();
            return null;
        }
        try {
            return o.open(type.code(), stream, codec, sealed);
        } catch (MediaCipher.Rejected e) {
            AtomicLong counter = e.replayed() ? replayed : sealed.length > 0 && sealed[0] == 1 ? tampered : unsealed;
            if (counter.getAndIncrement() == 0) LOG.warn("Dropping {} from {}: {}", type, from, e.getMessage());
            return null;
        }
    }

    @Override
    public String sealText(String text) {
        byte[] sealed = seal(MessageType.TEXT, 0, "", text.getBytes(StandardCharsets.UTF_8));
        return sealed == null ? null : TEXT_PREFIX + Base64.getEncoder().encodeToString(sealed);
    }

    /** A chat line as received: opened, or a placeholder that says why it cannot be shown. */
    @Override
    public String openText(String wire, String from) {
        if (!wire.startsWith(TEXT_PREFIX)) {
            unsealed.incrementAndGet();
            return "[not end-to-end encrypted: not shown]";
        }
        byte[] sealed;
        try {
            sealed = Base64.getDecoder().decode(wire.substring(TEXT_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            tampered.incrementAndGet();
            return "[a damaged encrypted message]";
        }
        byte[] plain = open(MessageType.TEXT, 0, "", sealed, from);
        return plain == null ? "[an encrypted message that did not open: see the log]" : new String(plain, StandardCharsets.UTF_8);
    }

    /** One line for {@code stats}: what end-to-end encryption dropped. */
    String figures() {
        return "end-to-end encrypted; dropped " + tampered.get() + " changed, " + replayed.get() + " replayed, "
                + unsealed.get() + " unencrypted, " + notReady.get() + " while the key was being made";
    }
}
