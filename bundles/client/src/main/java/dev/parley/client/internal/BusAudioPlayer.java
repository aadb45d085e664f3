package dev.parley.client.internal;

import dev.parley.api.MediaBus;
import dev.parley.common.RankedList;
import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.StreamKey;
import dev.parley.api.Subscription;
import dev.parley.api.capture.AudioPlayer;
import dev.parley.api.capture.AudioSink;
import dev.parley.api.capture.PlayoutStats;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.RawFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays remote audio: one decoder session per stream, picked by the codec name in each frame, and one {@link Mixer}
 * per bus, which puts each stream through a jitter buffer of its own and mixes them all into one playback of the
 * best sink present. A stream with no decoder is logged once and skipped, never thrown about; a frame its decoder
 * refuses (corrupt or truncated) is skipped and the stream plays on; a decoded frame that is not 20 ms long (the
 * mixer's tick) is skipped too. All are counted.
 */
@Component(service = AudioPlayer.class)
public final class BusAudioPlayer implements AudioPlayer {
    private static final Logger LOG = LoggerFactory.getLogger(BusAudioPlayer.class);

    private final RankedList<FrameDecoder> decoders = new RankedList<>();
    private final RankedList<AudioSink> sinks = new RankedList<>();
    private final AtomicLong framesWithoutDecoder = new AtomicLong();
    private final AtomicLong undecodableFrames = new AtomicLong();
    private final List<Mixer> mixers = new CopyOnWriteArrayList<>();
    private final MixerClock clock;
    private final Consumer<Mixer> launch;

    public BusAudioPlayer() {
        this(MixerClock.SYSTEM, Mixer::start);
    }

    /** With the mixers' clock, and what starts a mixer: its own thread, or a test that ticks it by hand. */
    BusAudioPlayer(MixerClock clock, Consumer<Mixer> launch) {
        this.clock = clock;
        this.launch = launch;
    }

    @Override
    public AutoCloseable start(MediaBus bus) {
        Mixer mixer = new Mixer(() -> sinks.best(s -> true).orElse(null), clock);
        Playout playout = new Playout(mixer);
        mixers.add(mixer);
        launch.accept(mixer);
        Subscription sub = bus.subscribe("audio-playout", f -> f.kind() == MediaKind.AUDIO && !f.isLocal(), playout::play);
        return () -> {
            sub.close();
            playout.close();
            mixer.close();
            mixers.remove(mixer);
        };
    }

    @Override
    public List<PlayoutStats> stats() {
        List<PlayoutStats> all = new ArrayList<>();
        for (Mixer m : mixers) all.addAll(m.stats());
        return all;
    }

    /** Per-stream decoders, touched only by the subscription's thread (and close afterwards). */
    private final class Playout {
        private final Mixer mixer;
        private final Map<StreamKey, StreamDecoder> streams = new HashMap<>();

        Playout(Mixer mixer) {
            this.mixer = mixer;
        }

        void play(MediaFrame frame) {
            StreamDecoder s = streams.computeIfAbsent(frame.streamKey(), k -> new StreamDecoder(mixer));
            s.play(frame);
        }

        void close() {
            streams.values().forEach(StreamDecoder::close);
            streams.clear();
        }
    }

    private final class StreamDecoder {
        private final Mixer mixer;
        private String codecId;
        private FrameDecoder decoder;
        private FrameDecoder.DecoderSession session;
        private boolean reportedMissing;
        private boolean reportedLength;

        StreamDecoder(Mixer mixer) {
            this.mixer = mixer;
        }

        void play(MediaFrame frame) {
            String name = FrameDecoder.codecName(frame.codec());
            FrameDecoder best = decoders.best(d -> d.kind() == MediaKind.AUDIO && d.codec().equals(name)).orElse(null);
            if (best == null) {
                framesWithoutDecoder.incrementAndGet();
                if (!reportedMissing) LOG.warn("No decoder for {} (audio from {})", name, frame.senderName());
                reportedMissing = true;
                return;
            }
            reportedMissing = false;
            try {
                if (session == null || best != decoder || !frame.codec().equals(codecId)) {
                    closeSession();
                    session = best.open(frame.codec());
                    decoder = best;
                    codecId = frame.codec();
                }
                RawFrame raw = session.decode(frame.payload());
                if (raw instanceof AudioSamples samples) output(frame, samples);
            } catch (CodecException e) {
                undecodableFrames.incrementAndGet();
                LOG.debug("Skipping an undecodable {} frame from {}: {}", name, frame.senderName(), e.getMessage());
            } catch (RuntimeException e) {
                undecodableFrames.incrementAndGet();
                LOG.warn("Audio decoder {} failed: {}", name, e.toString());
                closeSession();
            }
        }

        private void output(MediaFrame frame, AudioSamples samples) {
            if (samples.samples().length / samples.channels() != Mixer.frameLength(samples.sampleRate())) {
                undecodableFrames.incrementAndGet();
                if (!reportedLength) {
                    LOG.warn("Audio from {} decodes to frames of {} µs; the mixer plays 20 ms frames", frame.senderName(),
                            samples.durationMicros());
                }
                reportedLength = true;
                return;
            }
            mixer.offer(frame, samples);
        }

        private void closeSession() {
            if (session != null) session.close();
            session = null;
        }

        void close() {
            closeSession();
        }
    }

    /** Frames of a codec no decoder present reads. */
    long framesWithoutDecoder() { return framesWithoutDecoder.get(); }

    /** Frames a decoder refused. */
    long undecodableFrames() { return undecodableFrames.get(); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDecoder(FrameDecoder decoder, Map<String, Object> properties) { decoders.add(decoder, properties); }

    void removeDecoder(FrameDecoder decoder) { decoders.remove(decoder); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSink(AudioSink sink, Map<String, Object> properties) { sinks.add(sink, properties); }

    void removeSink(AudioSink sink) { sinks.remove(sink); }
}
