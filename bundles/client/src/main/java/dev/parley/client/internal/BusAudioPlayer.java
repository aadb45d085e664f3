package dev.parley.client.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.StreamKey;
import dev.parley.api.Subscription;
import dev.parley.api.capture.AudioPlayer;
import dev.parley.api.capture.AudioSink;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays remote audio: one decoder session and one playback per stream, picked by the codec name in each frame and
 * the best sink present. A stream with no decoder is logged once and skipped, never thrown about; a frame its
 * decoder refuses (corrupt or truncated) is skipped and the stream plays on. Both are counted.
 */
@Component(service = AudioPlayer.class)
public final class BusAudioPlayer implements AudioPlayer {
    private static final Logger LOG = LoggerFactory.getLogger(BusAudioPlayer.class);

    private final RankedServices<FrameDecoder> decoders = new RankedServices<>();
    private final RankedServices<AudioSink> sinks = new RankedServices<>();
    private final AtomicLong framesWithoutDecoder = new AtomicLong();
    private final AtomicLong undecodableFrames = new AtomicLong();

    @Override
    public AutoCloseable start(MediaBus bus) {
        Playout playout = new Playout();
        Subscription sub = bus.subscribe("audio-playout", f -> f.kind() == MediaKind.AUDIO && !f.isLocal(), playout::play);
        return () -> {
            sub.close();
            playout.close();
        };
    }

    /** Per-stream state, touched only by the subscription's thread (and close afterwards). */
    private final class Playout {
        private final Map<StreamKey, StreamPlayout> streams = new HashMap<>();

        void play(MediaFrame frame) {
            StreamPlayout s = streams.computeIfAbsent(frame.streamKey(), k -> new StreamPlayout());
            s.play(frame);
        }

        void close() {
            streams.values().forEach(StreamPlayout::close);
            streams.clear();
        }
    }

    private final class StreamPlayout {
        private String codecId;
        private FrameDecoder decoder;
        private FrameDecoder.DecoderSession session;
        private AudioSink sink;
        private AudioSink.Playback playback;
        private MediaFormat format;
        private boolean reportedMissing;

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
                if (raw instanceof AudioSamples samples) output(samples);
            } catch (CodecException e) {
                undecodableFrames.incrementAndGet();
                LOG.debug("Skipping an undecodable {} frame from {}: {}", name, frame.senderName(), e.getMessage());
            } catch (RuntimeException e) {
                undecodableFrames.incrementAndGet();
                LOG.warn("Audio decoder {} failed: {}", name, e.toString());
                closeSession();
            }
        }

        private void output(AudioSamples samples) {
            AudioSink best = sinks.best(s -> true).orElse(null);
            MediaFormat wanted = MediaFormat.audio(samples.sampleRate(), samples.channels(), 20);
            if (best != sink || !wanted.equals(format)) {
                closePlayback();
                sink = best;
                format = wanted;
                if (best == null) return;
                try {
                    playback = best.open(wanted);
                } catch (Exception e) {
                    LOG.warn("Audio sink {} cannot play: {}", best.id(), e.getMessage());
                    playback = null;
                }
            }
            if (playback != null) playback.play(samples);
        }

        private void closeSession() {
            if (session != null) session.close();
            session = null;
        }

        private void closePlayback() {
            if (playback != null) playback.close();
            playback = null;
        }

        void close() {
            closeSession();
            closePlayback();
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
