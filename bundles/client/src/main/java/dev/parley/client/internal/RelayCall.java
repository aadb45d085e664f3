package dev.parley.client.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.StreamKey;
import dev.parley.api.call.CallState;
import dev.parley.api.call.ConnectOptions;
import dev.parley.api.call.Participant;
import dev.parley.api.capture.MediaPublisher;
import dev.parley.call.CallCore;
import dev.parley.call.MediaProtection;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Messages;
import dev.parley.security.KnownRelays;
import dev.parley.security.Tls;
import dev.parley.security.TrustOnFirstUse;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.ssl.SslContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call through a relay: the {@link CallCore} over a connection that says HELLO, answers a room's CHALLENGE, takes
 * WELCOME, the roster (JOINED, LEFT) and the room's codecs (CODECS), asks for keyframes, and reconnects with backoff
 * until it is left or refused for good.
 */
final class RelayCall extends CallCore {
    private static final Logger LOG = LoggerFactory.getLogger(RelayCall.class);
    private static final long MIN_BACKOFF_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 5000;
    private static final long WELCOME_TIMEOUT_MILLIS = 10_000;
    /** Errors that will not go away by trying again. */
    private static final Set<ErrorCode> FATAL = EnumSet.of(ErrorCode.WRONG_ROLE, ErrorCode.INVALID_HELLO, ErrorCode.TLS_REQUIRED,
            ErrorCode.AUTH_FAILED, ErrorCode.UNSUPPORTED_VERSION, ErrorCode.BAD_MAGIC);

    private final Bootstrap bootstrap;
    private final ConnectOptions options;
    private final KnownRelays knownRelays;
    private final CallSecurity security;
    private final CodecSupport codecs;
    private final CodecAgreement agreement = new CodecAgreement();
    /** The publications the current agreement was last given to, by kind: a new one gets it on its first frame. */
    private final Map<MediaKind, MediaPublisher.Publication> agreedWith = new ConcurrentHashMap<>();
    private final AutoCloseable keyframeRegistration;
    private SslContext tls;

    /** The connection being made or used, welcomed or not. */
    private volatile Channel channel;
    private volatile boolean welcomed;
    private volatile int localId;
    /** No more connecting: refused for good, or left. */
    private volatile boolean stopped;
    private long backoffMillis = MIN_BACKOFF_MILLIS;

    RelayCall(Bootstrap bootstrap, ConnectOptions options, MediaBus bus, KnownRelays knownRelays, CodecSupport codecs) {
        this(bootstrap, options, bus, knownRelays, codecs, new CallSecurity(options, ForkJoinPool.commonPool()));
    }

    private RelayCall(Bootstrap bootstrap, ConnectOptions options, MediaBus bus, KnownRelays knownRelays,
                      CodecSupport codecs, CallSecurity security) {
        super(bus, options.name(), WireClock.OTHER_END, security.endToEnd() ? security : MediaProtection.NONE);
        this.bootstrap = bootstrap;
        this.options = options;
        this.knownRelays = knownRelays;
        this.codecs = codecs;
        this.security = security;
        this.keyframeRegistration = bus.addKeyframeListener(this::askForKeyframe);
    }

    RelayCall start() {
        connect();
        return this;
    }

    private void connect() {
        if (stopped) return;
        ChannelFuture f = bootstrap.clone()
                .handler(new RelayCallChannel(this))
                .connect(options.host(), options.port());
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.warn("Cannot reach relay {}:{}: {}", options.host(), options.port(), rootMessage(done.cause()));
                scheduleReconnect(f.channel());
            }
        });
    }

    /**
     * The TLS context of this call's connections, made on first use: it trusts the relay's certificate as the
     * options say (a fingerprint given with {@code --trust}, else on first use); null in plaintext.
     */
    synchronized SslContext tls() {
        if (!options.security().tls()) return null;
        if (tls == null) {
            tls = Tls.client(new TrustOnFirstUse(options.host() + ":" + options.port(), knownRelays,
                    options.security().trust(), notice -> LOG.warn("{}", notice)));
        }
        return tls;
    }

    /** Connecting cannot succeed without the user: a certificate that is not trusted, or TLS on one side only. */
    void refused(String why) {
        LOG.error("Not joining {}:{}: {}", options.host(), options.port(), why);
        stopped = true;
        setState(CallState.CLOSED, why);
    }

    private void scheduleReconnect(Channel failed) {
        if (stopped) return;
        setState(CallState.RECONNECTING, "retrying in " + backoffMillis + " ms");
        long delay = backoffMillis;
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        failed.eventLoop().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    // ---- events from the channel, always on its event loop ----

    void channelActive(Channel ch) {
        if (ch.localAddress() != null && ch.localAddress().equals(ch.remoteAddress())) {
            // TCP simultaneous open: retrying a port nobody listens on can connect a socket to itself.
            LOG.debug("Connected to itself on {}; retrying", ch.localAddress());
            ch.close();
            return;
        }
        ch.writeAndFlush(new Messages.Hello(Messages.Role.CLIENT, options.name(), options.room(), "").toFrame());
        ch.eventLoop().schedule(() -> {
            if (!welcomed && ch.isActive()) {
                LOG.warn("No WELCOME from {}:{} within {} ms; is it a Parley relay?", options.host(), options.port(),
                        WELCOME_TIMEOUT_MILLIS);
                ch.close();
            }
        }, WELCOME_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    void frameReceived(Channel ch, Frame frame) {
        if (welcomed && handle(ch, frame)) return;
        switch (frame.type()) {
            case WELCOME -> welcome(ch, Messages.Welcome.from(frame));
            case JOINED -> {
                Messages.Joined j = Messages.Joined.from(frame);
                Participant p = new Participant(j.participant(), j.name(), j.participant() == localId);
                if (!p.self()) agreement.joined(p.id());
                joined(p);
                if (!p.self()) applyAgreement();
            }
            case CODECS -> {
                agreement.announced(frame.sender(), Messages.Codecs.from(frame).names());
                applyAgreement();
            }
            case LEFT -> {
                Messages.Left l = Messages.Left.from(frame);
                agreement.left(l.participant());
                applyAgreement();
                left(l.participant(), l.name(), l.reason().text());
            }
            case CHALLENGE -> answer(ch, Messages.Challenge.from(frame));
            case KEYFRAME_REQUEST -> LOG.debug("Participant {} asked for a keyframe", frame.sender());
            case ERROR -> {
                Messages.Error e = Messages.Error.from(frame);
                LOG.error("Relay refused {}: {} ({})", options.name(), e.message(), e.code());
                if (FATAL.contains(e.code())) {
                    stopped = true;
                    setState(CallState.CLOSED, e.message());
                } else {
                    setState(state(), e.message());
                }
                ch.close();
            }
            default -> LOG.warn("Ignoring unexpected {} from the relay", frame.type());
        }
    }

    void channelInactive(Channel ch) {
        boolean wasWelcomed = welcomed;
        welcomed = false;
        agreement.reset();
        sessionEnded(ch);
        clearRoster("connection to relay lost", wasWelcomed);
        if (stopped || hasLeft()) {
            setState(CallState.CLOSED, "left");
        } else {
            if (wasWelcomed) LOG.warn("Lost the relay {}:{}; reconnecting", options.host(), options.port());
            scheduleReconnect(ch);
        }
    }

    private void welcome(Channel ch, Messages.Welcome w) {
        localId = w.participant();
        welcomed = true;
        backoffMillis = MIN_BACKOFF_MILLIS;
        agreement.reset();
        announceCodecs(ch);
        // Ready to send before anyone hears it is connected: a line said on "connected" goes out at once.
        sessionStarted(ch, w.videoWindow());
        setState(CallState.CONNECTED, "joined " + w.room() + " as " + localId + " on " + w.server());
    }

    /** The codecs this process decodes changed (a plugin came or went): tell the room. */
    void decodersChanged() {
        Channel ch = session();
        if (ch != null) announceCodecs(ch);
    }

    private void announceCodecs(Channel ch) {
        ch.writeAndFlush(new Messages.Codecs(0, List.copyOf(codecs.decoderNames())).toFrame(), ch.voidPromise());
    }

    /** Gives the publications of this call's bus the codecs every other member decodes. */
    private void applyAgreement() {
        Set<String> allowed = agreement.allowed();
        for (MediaKind kind : new MediaKind[] {MediaKind.VIDEO, MediaKind.AUDIO}) {
            codecs.publication(bus(), kind).ifPresent(p -> {
                p.allowCodecs(allowed);
                agreedWith.put(kind, p);
            });
        }
    }

    /** A publication that started after the room's last change gets the agreement with its first frame. */
    @Override
    protected void sending(MediaFrame f) {
        MediaPublisher.Publication current = codecs.publication(bus(), f.kind()).orElse(null);
        if (current != null && agreedWith.get(f.kind()) != current) applyAgreement();
    }

    /** The room asks for its passphrase: answer off the event loop (Argon2id is slow on purpose). */
    private void answer(Channel ch, Messages.Challenge challenge) {
        security.answer(challenge).whenComplete((auth, failure) -> {
            if (failure != null) {
                refused(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause().getMessage() : failure.getMessage());
                ch.close();
            } else if (ch.isActive()) {
                ch.writeAndFlush(auth.toFrame(), ch.voidPromise());
            }
        });
    }

    private void askForKeyframe(StreamKey key) {
        Channel ch = session();
        if (key.sender() == MediaFrame.LOCAL || ch == null) return;
        ch.writeAndFlush(new Messages.KeyframeRequest(0, key.sender(), key.stream()).toFrame(), ch.voidPromise());
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    protected int senderField() {
        return 0;
    }

    @Override
    protected void closeTransport() {
        stopped = true;
        try {
            keyframeRegistration.close();
        } catch (Exception e) {
            LOG.debug("Keyframe listener removal failed", e);
        }
        // Not welcomed yet: there was no session to say BYE on, but the connection attempt must end too.
        Channel ch = channel;
        if (ch != null && ch.isOpen()) ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    // ---- Call ----

    @Override public String name() { return options.name(); }
    @Override public String room() { return options.room(); }
    @Override public int localId() { return localId; }

    @Override
    public String protection() {
        String link = options.security().tls() ? "TLS 1.3" : "plaintext (anyone on the network can read it)";
        return security.endToEnd() ? link + "; " + security.figures() : link;
    }

    @Override
    public String toString() {
        return "Call[" + options.name() + "@" + options.host() + ":" + options.port() + "/" + options.room() + "]";
    }
}
