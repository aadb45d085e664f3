package dev.parley.client.internal;

import dev.parley.api.FrameListener;
import dev.parley.api.MediaBus;
import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.StreamKey;
import dev.parley.api.Subscription;
import dev.parley.api.call.Call;
import dev.parley.api.call.CallListener;
import dev.parley.api.call.CallListeners;
import dev.parley.api.call.CallState;
import dev.parley.api.call.ChatMessage;
import dev.parley.api.call.ConnectOptions;
import dev.parley.api.call.Participant;
import dev.parley.protocol.ClockEstimator;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.Messages;
import dev.parley.protocol.MessageType;
import dev.parley.api.capture.MediaPublisher;
import dev.parley.security.KnownRelays;
import dev.parley.security.Tls;
import dev.parley.security.TrustOnFirstUse;
import io.netty.bootstrap.Bootstrap;
import io.netty.handler.ssl.SslContext;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call through a relay. Sends the bus's local frames, publishes the relay's frames on the bus, keeps the roster
 * and chat history, estimates the clock offset, acknowledges video for flow control, and reconnects with backoff
 * until it is left.
 */
final class RelayCall implements Call {
    private static final Logger LOG = LoggerFactory.getLogger(RelayCall.class);
    private static final int HISTORY = 200;
    private static final int PENDING_TEXT = 100;
    private static final long MIN_BACKOFF_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 5000;
    private static final long WELCOME_TIMEOUT_MILLIS = 10_000;
    /** Errors that will not go away by trying again. */
    private static final Set<ErrorCode> FATAL = EnumSet.of(ErrorCode.WRONG_ROLE, ErrorCode.INVALID_HELLO, ErrorCode.TLS_REQUIRED,
            ErrorCode.AUTH_FAILED,
            ErrorCode.UNSUPPORTED_VERSION, ErrorCode.BAD_MAGIC);

    private final Bootstrap bootstrap;
    private final ConnectOptions options;
    private final MediaBus bus;
    private final ClockEstimator clock = new ClockEstimator();
    private final CallListeners listeners = new CallListeners();
    private final Map<Integer, Participant> roster = new LinkedHashMap<>();
    private final ArrayDeque<ChatMessage> history = new ArrayDeque<>();
    private final ArrayDeque<String> pendingText = new ArrayDeque<>();
    private final AtomicInteger textSequence = new AtomicInteger();
    private final AtomicLong videoDroppedUnwritable = new AtomicLong();
    private final Subscription outgoing;
    private final KnownRelays knownRelays;
    private final CallSecurity security;
    private final CodecSupport codecs;
    private final CodecAgreement agreement = new CodecAgreement();
    /** The publications the current agreement was last given to, by kind: a new one gets it on its first frame. */
    private final Map<MediaKind, MediaPublisher.Publication> agreedWith = new java.util.concurrent.ConcurrentHashMap<>();
    private SslContext tls;
    private final AutoCloseable keyframeRegistration;

    private volatile CallState state = CallState.CONNECTING;
    private volatile Channel channel;
    private volatile boolean welcomed;
    private volatile int localId;
    private volatile boolean leaving;
    private long backoffMillis = MIN_BACKOFF_MILLIS;
    private ScheduledFuture<?> pingTask;
    private int videoReceived;
    private boolean videoUnacknowledged;

    RelayCall(Bootstrap bootstrap, ConnectOptions options, MediaBus bus, KnownRelays knownRelays, CodecSupport codecs) {
        this.bootstrap = bootstrap;
        this.codecs = codecs;
        this.knownRelays = knownRelays;
        this.security = new CallSecurity(options, java.util.concurrent.ForkJoinPool.commonPool());
        this.options = options;
        this.bus = bus;
        FrameListener send = this::sendLocal;
        this.outgoing = bus.subscribe("send-" + options.name(), f -> f.isLocal() && f.kind() != MediaKind.TEXT, send);
        this.keyframeRegistration = bus.addKeyframeListener(this::askForKeyframe);
    }

    RelayCall start() {
        connect();
        return this;
    }

    private void connect() {
        if (leaving) return;
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
        leaving = true;
        setState(CallState.CLOSED, why);
    }

    private void scheduleReconnect(Channel failed) {
        if (leaving) return;
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
        switch (frame.type()) {
            case WELCOME -> welcome(ch, Messages.Welcome.from(frame));
            case JOINED -> {
                Messages.Joined j = Messages.Joined.from(frame);
                Participant p = new Participant(j.participant(), j.name(), j.participant() == localId);
                synchronized (roster) {
                    roster.put(p.id(), p);
                }
                if (!p.self()) {
                    agreement.joined(p.id());
                    applyAgreement();
                }
                listeners.joined(p);
            }
            case CODECS -> {
                Messages.Codecs c = Messages.Codecs.from(frame);
                agreement.announced(frame.sender(), c.names());
                applyAgreement();
            }
            case LEFT -> {
                Messages.Left left = Messages.Left.from(frame);
                Participant p;
                synchronized (roster) {
                    p = roster.remove(left.participant());
                }
                if (p == null) p = new Participant(left.participant(), left.name(), false);
                agreement.left(left.participant());
                applyAgreement();
                Participant gone = p;
                listeners.left(gone, left.reason().text());
            }
            case VIDEO -> {
                videoReceived++;
                videoUnacknowledged = true;
                publishRemote(frame, MediaKind.VIDEO);
            }
            case AUDIO -> publishRemote(frame, MediaKind.AUDIO);
            case CHALLENGE -> answer(ch, Messages.Challenge.from(frame));
            case TEXT -> {
                String text = frame.payload().toString(StandardCharsets.UTF_8);
                if (security.endToEnd()) text = security.openText(text, nameOf(frame.sender()));
                ChatMessage m = new ChatMessage(frame.sender(), nameOf(frame.sender()),
                        text, clock.toLocal(frame.timestampMicros()), false);
                remember(m);
                publishRemote(frame, MediaKind.TEXT);
                listeners.chat(m);
            }
            case PING -> {
                long t2 = ClockEstimator.nowMicros();
                ch.writeAndFlush(new Messages.Pong(Messages.Ping.from(frame).t1(), t2, ClockEstimator.nowMicros()).toFrame());
            }
            case PONG -> clock.add(Messages.Pong.from(frame), ClockEstimator.nowMicros());
            case KEYFRAME_REQUEST -> LOG.debug("Participant {} asked for a keyframe", frame.sender());
            case ERROR -> {
                Messages.Error e = Messages.Error.from(frame);
                LOG.error("Relay refused {}: {} ({})", options.name(), e.message(), e.code());
                if (FATAL.contains(e.code())) {
                    leaving = true;
                    setState(CallState.CLOSED, e.message());
                } else {
                    setState(state, e.message());
                }
                ch.close();
            }
            default -> LOG.warn("Ignoring unexpected {} from the relay", frame.type());
        }
    }

    /** End of a read batch: acknowledge the video taken in, so the relay sends more. */
    void readComplete(Channel ch) {
        if (videoUnacknowledged && welcomed) {
            videoUnacknowledged = false;
            ch.writeAndFlush(new Messages.Received(videoReceived).toFrame(), ch.voidPromise());
        }
    }

    void channelInactive(Channel ch) {
        boolean wasWelcomed = welcomed;
        welcomed = false;
        agreement.reset();
        if (pingTask != null) pingTask.cancel(false);
        List<Participant> gone;
        synchronized (roster) {
            gone = new ArrayList<>(roster.values());
            roster.clear();
        }
        if (wasWelcomed) {
            for (Participant p : gone) {
                if (!p.self()) listeners.left(p, "connection to relay lost");
            }
        }
        if (leaving) {
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
        videoReceived = 0;
        ping(ch);
        pingTask = ch.eventLoop().scheduleAtFixedRate(() -> ping(ch), 1, 1, TimeUnit.SECONDS);
        setState(CallState.CONNECTED, "joined " + w.room() + " as " + localId + " on " + w.server());
        List<String> queued;
        synchronized (pendingText) {
            queued = new ArrayList<>(pendingText);
            pendingText.clear();
        }
        for (String t : queued) writeText(ch, t);
    }

    private void ping(Channel ch) {
        ch.writeAndFlush(new Messages.Ping(ClockEstimator.nowMicros()).toFrame(), ch.voidPromise());
    }

    /** The codecs this process decodes changed (a plugin came or went): tell the room. */
    void decodersChanged() {
        Channel ch = channel;
        if (ch != null && welcomed) announceCodecs(ch);
    }

    private void announceCodecs(Channel ch) {
        ch.writeAndFlush(new Messages.Codecs(0, List.copyOf(codecs.decoderNames())).toFrame(), ch.voidPromise());
    }

    /** Gives the publications of this call's bus the codecs every other member decodes. */
    private void applyAgreement() {
        java.util.Set<String> allowed = agreement.allowed();
        for (MediaKind kind : new MediaKind[] {MediaKind.VIDEO, MediaKind.AUDIO}) {
            codecs.publication(bus, kind).ifPresent(p -> {
                p.allowCodecs(allowed);
                agreedWith.put(kind, p);
            });
        }
    }

    /** The room asks for its passphrase: answer off the event loop (Argon2id is slow on purpose). */
    private void answer(Channel ch, Messages.Challenge challenge) {
        security.answer(challenge).whenComplete((auth, failure) -> {
            if (failure != null) {
                refused(failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause().getMessage() : failure.getMessage());
                ch.close();
            } else if (ch.isActive()) {
                ch.writeAndFlush(auth.toFrame(), ch.voidPromise());
            }
        });
    }

    private void publishRemote(Frame frame, MediaKind kind) {
        byte[] payload = ByteBufUtil.getBytes(frame.payload());
        if (security.endToEnd()) {
            payload = security.open(kind == MediaKind.VIDEO ? MessageType.VIDEO : MessageType.AUDIO, frame.stream(),
                    frame.codec(), payload, nameOf(frame.sender()));
            if (payload == null) return;
        }
        bus.publish(MediaFrame.builder(kind)
                .sender(frame.sender())
                .senderName(nameOf(frame.sender()))
                .stream(frame.stream())
                .sequence(Integer.toUnsignedLong(frame.sequence()))
                .captureMicros(clock.toLocal(frame.timestampMicros()))
                .codec(frame.codec())
                .flags(frame.flags())
                .payload(payload)
                .build());
    }

    // ---- local side ----

    private void sendLocal(MediaFrame f) {
        Channel ch = channel;
        if (ch == null || !welcomed) return;
        // A publication that started after the room's last change gets the agreement with its first frame.
        MediaPublisher.Publication current = codecs.publication(bus, f.kind()).orElse(null);
        if (current != null && agreedWith.get(f.kind()) != current) applyAgreement();
        if (f.kind() == MediaKind.VIDEO && !ch.isWritable()) {
            // The link is full: a newer frame will follow; never queue stale video.
            videoDroppedUnwritable.incrementAndGet();
            return;
        }
        MessageType type = f.kind() == MediaKind.VIDEO ? MessageType.VIDEO : MessageType.AUDIO;
        io.netty.buffer.ByteBuf payload = Unpooled.wrappedBuffer(f.payload());
        if (security.endToEnd()) {
            byte[] sealed = security.seal(type, f.stream(), f.codec(), ByteBufUtil.getBytes(payload));
            if (sealed == null) return;
            payload = Unpooled.wrappedBuffer(sealed);
        }
        ch.writeAndFlush(new Frame(type, f.isKeyframe() ? 1 : 0, f.stream(), 0, (int) f.sequence(),
                clock.toRemote(f.captureMicros()), f.codec(), payload), ch.voidPromise());
    }

    private void askForKeyframe(StreamKey key) {
        Channel ch = channel;
        if (key.sender() == MediaFrame.LOCAL || ch == null || !welcomed) return;
        ch.writeAndFlush(new Messages.KeyframeRequest(0, key.sender(), key.stream()).toFrame(), ch.voidPromise());
    }

    @Override
    public String protection() {
        String link = options.security().tls() ? "TLS 1.3" : "plaintext (anyone on the network can read it)";
        return security.endToEnd() ? link + "; " + security.figures() : link;
    }

    @Override
    public void say(String text) {
        if (text == null || text.isBlank()) return;
        Channel ch = channel;
        if (ch != null && welcomed) {
            writeText(ch, text);
        } else {
            synchronized (pendingText) {
                if (pendingText.size() >= PENDING_TEXT) pendingText.removeFirst();
                pendingText.addLast(text);
            }
            LOG.info("Not connected: the line will be sent once the relay is back");
        }
    }

    private void writeText(Channel ch, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > dev.parley.protocol.Wire.MAX_TEXT_BYTES) {
            throw new IllegalArgumentException("chat line longer than " + dev.parley.protocol.Wire.MAX_TEXT_BYTES + " bytes");
        }
        long now = ClockEstimator.nowMicros();
        String wire = text;
        if (security.endToEnd()) {
            wire = security.sealText(text);
            if (wire == null) {
                LOG.warn("The end-to-end key is still being made; the line was not sent: {}", text);
                return;
            }
        }
        ch.writeAndFlush(Frame.text(0, textSequence.getAndIncrement(), clock.toRemote(now), wire), ch.voidPromise());
        ChatMessage m = new ChatMessage(localId, options.name(), text, now, true);
        remember(m);
        bus.publish(MediaFrame.builder(MediaKind.TEXT).senderName(options.name()).captureMicros(now)
                .payload(utf8).build());
        listeners.chat(m);
    }

    private void remember(ChatMessage m) {
        synchronized (history) {
            if (history.size() >= HISTORY) history.removeFirst();
            history.addLast(m);
        }
    }

    private String nameOf(int id) {
        synchronized (roster) {
            Participant p = roster.get(id);
            return p == null ? "#" + id : p.name();
        }
    }

    private void setState(CallState s, String detail) {
        state = s;
        LOG.debug("{}: {} ({})", options.name(), s, detail);
        listeners.stateChanged(s, detail);
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    // ---- Call ----

    @Override
    public String name() { return options.name(); }

    @Override
    public String room() { return options.room(); }

    @Override
    public CallState state() { return state; }

    @Override
    public int localId() { return localId; }

    @Override
    public List<Participant> roster() {
        synchronized (roster) {
            return List.copyOf(roster.values());
        }
    }

    @Override
    public List<ChatMessage> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    @Override
    public MediaBus bus() { return bus; }

    @Override
    public long roundTripMicros() { return clock.roundTripMicros(); }

    long videoDroppedUnwritable() { return videoDroppedUnwritable.get(); }

    @Override
    public void addListener(CallListener listener) { listeners.add(listener); }

    @Override
    public void removeListener(CallListener listener) { listeners.remove(listener); }

    @Override
    public void leave() {
        if (leaving && state == CallState.CLOSED) return;
        leaving = true;
        outgoing.close();
        try {
            keyframeRegistration.close();
        } catch (Exception e) {
            LOG.debug("Keyframe listener removal failed", e);
        }
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.writeAndFlush(new Messages.Bye("leaving").toFrame()).addListener(f -> ch.close());
            ch.closeFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        setState(CallState.CLOSED, "left");
    }

    @Override
    public String toString() {
        return "Call[" + options.name() + "@" + options.host() + ":" + options.port() + "/" + options.room() + "]";
    }
}
