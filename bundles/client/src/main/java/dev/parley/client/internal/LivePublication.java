package dev.parley.client.internal;

import dev.parley.api.MediaBus;
import dev.parley.common.RankedList;
import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaPublisher.Publication;
import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.EncodedFrame;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import dev.parley.api.codec.VideoImage;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind of local media flowing from the best source through the best encoder onto a bus. {@link #reconsider()}
 * is called whenever sources or encoders come or go: the publication moves to the best ones without a gap longer
 * than a frame. A source or encoder that throws is set aside for this publication and the next best is used.
 */
final class LivePublication implements Publication {
    private static final Logger LOG = LoggerFactory.getLogger(LivePublication.class);

    private final MediaBus bus;
    private final MediaKind kind;
    private final CaptureSpec spec;
    private final RankedList<MediaSource> sources;
    private final RankedList<FrameEncoder> encoders;
    private final Consumer<LivePublication> onClose;
    private final Set<Object> failed = Collections.newSetFromMap(new IdentityHashMap<>());

    private final Object lock = new Object();
    private MediaSource source;
    private MediaSource.Capture capture;
    private FrameEncoder encoder;
    /** The codec names every receiver decodes (codec agreement), or null for no restriction. */
    private volatile java.util.Set<String> allowedCodecs;
    private FrameEncoder.EncoderSession session;
    private MediaFormat sessionFormat;
    private long sequence;
    private volatile String codec = "";
    private volatile boolean muted;
    private volatile String preferredSource = "";
    private volatile String preferredCodec = "";
    private boolean closed;

    LivePublication(MediaBus bus, MediaKind kind, CaptureSpec spec, RankedList<MediaSource> sources,
                    RankedList<FrameEncoder> encoders, Consumer<LivePublication> onClose) {
        this.bus = bus;
        this.kind = kind;
        this.spec = spec;
        this.sources = sources;
        this.encoders = encoders;
        this.onClose = onClose;
    }

    /**
     * A source or encoder (re)appeared: one that failed before gets another try (a camera withdrawn while it was
     * silent or taken by another process is offered again when it works), then the best is chosen.
     */
    void arrived(Object service) {
        synchronized (lock) {
            failed.remove(service);
        }
        reconsider();
    }

    /** Switches to the best source and encoder present, if they changed. */
    void reconsider() {
        java.util.List<MediaSource.Capture> stale = new java.util.ArrayList<>();
        try {
            reconsider(stale);
        } finally {
            // Outside the lock: a capture's thread may be waiting for it to hand over a frame.
            stale.forEach(LivePublication::closeQuietly);
        }
    }

    private void reconsider(java.util.List<MediaSource.Capture> stale) {
        synchronized (lock) {
            if (closed) return;
            FrameEncoder bestEncoder = bestEncoder();
            if (bestEncoder != encoder) {
                closeSession();
                if (encoder != null || bestEncoder != null) {
                    LOG.info("{} {} encoder: {}", spec.participantName(), kind.name().toLowerCase(),
                            bestEncoder == null ? "none present" : describe(bestEncoder));
                }
                encoder = bestEncoder;
            }
            while (true) {
                MediaSource best = bestSource();
                if (best == source && (capture != null || best == null)) break;
                if (capture != null) stale.add(capture);
                capture = null;
                source = best;
                if (best == null) break;
                try {
                    capture = best.open(spec, this::onRaw);
                    LOG.info("{} {} source: {}", spec.participantName(), kind.name().toLowerCase(), best.id());
                    break;
                } catch (CaptureException | RuntimeException e) {
                    LOG.warn("Source {} cannot capture: {}; trying the next", best.id(), e.getMessage());
                    failed.add(best);
                    source = null;
                }
            }
        }
    }

    /** The preferred source if it is present and has not failed, else the best-ranked one. */
    private MediaSource bestSource() {
        String preferred = preferredSource;
        if (!preferred.isEmpty()) {
            MediaSource chosen = sources.best(s -> s.kind() == kind && !failed.contains(s) && s.id().equals(preferred))
                    .orElse(null);
            if (chosen != null) return chosen;
        }
        return sources.best(s -> s.kind() == kind && !failed.contains(s)).orElse(null);
    }

    /**
     * Among the encoders the room agreed on (all, without an agreement), the preferred one if it is present and has
     * not failed, else the best-ranked one; if the agreement allows none present, the best-ranked of all.
     */
    private FrameEncoder bestEncoder() {
        String preferred = preferredCodec;
        java.util.Set<String> allowed = allowedCodecs;
        java.util.function.Predicate<FrameEncoder> usable = e -> e.kind() == kind && !failed.contains(e);
        java.util.function.Predicate<FrameEncoder> agreed = allowed == null ? usable : usable.and(e -> allowed.contains(e.codec()));
        if (!preferred.isEmpty()) {
            FrameEncoder chosen = encoders.best(agreed.and(e -> e.codec().equals(preferred))).orElse(null);
            if (chosen != null) return chosen;
        }
        return encoders.best(agreed).or(() -> encoders.best(usable)).orElse(null);
    }

    @Override
    public void allowCodecs(java.util.Set<String> codecNames) {
        java.util.Set<String> next = codecNames == null ? null : java.util.Set.copyOf(codecNames);
        if (java.util.Objects.equals(next, allowedCodecs)) return;
        allowedCodecs = next;
        LOG.info("{} {} codecs agreed with the room: {}", spec.participantName(), kind.name().toLowerCase(),
                next == null ? "any" : new java.util.TreeSet<>(next));
        reconsider();
    }

    private void onRaw(RawFrame raw) {
        EncodedFrame encoded;
        long captureMicros = dev.parley.protocol.ClockEstimator.nowMicros();
        long seq;
        synchronized (lock) {
            if (closed || muted) return;
            encoded = encode(raw);
            if (encoded == null) return;
            seq = sequence++;
        }
        codec = encoded.codecId();
        bus.publish(MediaFrame.builder(kind)
                .senderName(spec.participantName())
                .sequence(seq)
                .captureMicros(captureMicros)
                .codec(encoded.codecId())
                .keyframe(encoded.keyframe())
                .payload(encoded.data())
                .build());
    }

    /**
     * Encodes under the lock. An encoder that cannot open a session for the stream's format, or that throws anything
     * but CodecException, is set aside and the next best encodes the same frame; a CodecException from encoding skips
     * only that frame.
     */
    private EncodedFrame encode(RawFrame raw) {
        MediaFormat format = formatOf(raw);
        while (encoder != null) {
            try {
                if (session == null || !format.equals(sessionFormat)) {
                    closeSession();
                    session = openSession(format);
                    if (session == null) continue;
                    sessionFormat = format;
                }
                return session.encode(raw);
            } catch (CodecException e) {
                LOG.debug("{} could not encode a frame: {}", encoder.codec(), e.getMessage());
                return null;
            } catch (RuntimeException | LinkageError e) {
                setAside(e.toString());
            }
        }
        return null;
    }

    /** A session of the current encoder, or null after setting that encoder aside because it refused the format. */
    private FrameEncoder.EncoderSession openSession(MediaFormat format) {
        try {
            return encoder.open(format);
        } catch (CodecException e) {
            setAside("cannot encode " + format + ": " + e.getMessage());
            return null;
        }
    }

    private void setAside(String why) {
        LOG.warn("Encoder {} failed ({}); falling back to the next best", describe(encoder), why);
        failed.add(encoder);
        closeSession();
        encoder = bestEncoder();
        LOG.info("{} {} encoder: {}", spec.participantName(), kind.name().toLowerCase(),
                encoder == null ? "none left" : describe(encoder));
    }

    /** The codec and the class behind it, so the log tells ImageIO's jpeg from TurboJPEG's. */
    private static String describe(FrameEncoder e) {
        return e.codec() + " (" + e.getClass().getSimpleName() + ")";
    }

    private static MediaFormat formatOf(RawFrame raw) {
        if (raw instanceof VideoImage v) return MediaFormat.video(v.width(), v.height(), 0);
        AudioSamples a = (AudioSamples) raw;
        return MediaFormat.audio(a.sampleRate(), a.channels(), (int) (a.durationMicros() / 1000));
    }

    private void closeSession() {
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException e) {
                LOG.debug("Encoder session close failed", e);
            }
            session = null;
            sessionFormat = null;
        }
    }

    private static void closeQuietly(MediaSource.Capture c) {
        try {
            c.close();
        } catch (RuntimeException e) {
            LOG.debug("Capture close failed", e);
        }
    }

    @Override
    public String source() {
        synchronized (lock) {
            return source == null ? "" : source.id();
        }
    }

    @Override
    public String codec() { return codec; }

    @Override
    public void setMuted(boolean muted) { this.muted = muted; }

    @Override
    public boolean muted() { return muted; }

    @Override
    public void preferSource(String sourceId) {
        String id = sourceId == null ? "" : sourceId.strip();
        synchronized (lock) {
            preferredSource = id;
            // A person picking a source asks for another try, even if it failed before.
            failed.removeIf(o -> o instanceof MediaSource s && s.id().equals(id));
        }
        LOG.info("{} {} source preference: {}", spec.participantName(), kind.name().toLowerCase(),
                id.isEmpty() ? "the best ranked" : id);
        reconsider();
    }

    @Override
    public String preferredSource() { return preferredSource; }

    @Override
    public void preferCodec(String codecName) {
        String name = codecName == null ? "" : codecName.strip();
        if (name.equals(preferredCodec)) return;
        preferredCodec = name;
        LOG.info("{} {} codec preference: {}", spec.participantName(), kind.name().toLowerCase(),
                name.isEmpty() ? "the best ranked" : name);
        reconsider();
    }

    @Override
    public String preferredCodec() { return preferredCodec; }

    /** Name of the encoder in use, or empty. */
    String encoderName() {
        synchronized (lock) {
            return encoder == null ? "" : encoder.codec();
        }
    }

    MediaBus bus() { return bus; }

    MediaKind kind() { return kind; }

    @Override
    public void close() {
        MediaSource.Capture c;
        synchronized (lock) {
            if (closed) return;
            closed = true;
            c = capture;
            capture = null;
            closeSession();
        }
        if (c != null) closeQuietly(c);
        onClose.accept(this);
    }
}
