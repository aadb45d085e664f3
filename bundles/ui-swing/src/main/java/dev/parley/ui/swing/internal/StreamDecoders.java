package dev.parley.ui.swing.internal;

import dev.parley.api.MediaFrame;
import dev.parley.common.RankedList;
import dev.parley.api.MediaKind;
import dev.parley.api.StreamKey;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.RawFrame;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One decoder session per stream, with the best decoder present for the codec name in each frame; a better decoder
 * arriving (or the one in use leaving) takes over at the next frame. Used by one bus subscription thread only.
 */
final class StreamDecoders implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamDecoders.class);

    private final RankedList<FrameDecoder> decoders;
    private final MediaKind kind;
    private final Map<StreamKey, Session> sessions = new HashMap<>();

    private record Session(FrameDecoder decoder, String codecId, FrameDecoder.DecoderSession session) {
    }

    StreamDecoders(RankedList<FrameDecoder> decoders, MediaKind kind) {
        this.decoders = decoders;
        this.kind = kind;
    }

    /**
     * Decodes a frame, or returns null when it cannot be: no decoder for its codec ({@code missing} is told the
     * codec name) or a frame the decoder rejects (the stream goes on with the next one).
     */
    RawFrame decode(MediaFrame frame, Consumer<String> missing) {
        String name = FrameDecoder.codecName(frame.codec());
        FrameDecoder best = decoders.best(d -> d.kind() == kind && d.codec().equals(name)).orElse(null);
        StreamKey key = frame.streamKey();
        Session s = sessions.get(key);
        if (best == null) {
            close(key);
            missing.accept(name.isEmpty() ? "an unnamed codec" : name);
            return null;
        }
        try {
            if (s == null || s.decoder != best || !s.codecId.equals(frame.codec())) {
                close(key);
                s = new Session(best, frame.codec(), best.open(frame.codec()));
                sessions.put(key, s);
            }
            return s.session.decode(frame.payload());
        } catch (CodecException e) {
            LOG.debug("Skipping an undecodable {} frame from {}: {}", name, frame.senderName(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("The {} decoder failed on a frame from {}: {}", name, frame.senderName(), e.toString());
            close(key);
        }
        return null;
    }

    private void close(StreamKey key) {
        Session s = sessions.remove(key);
        if (s != null) {
            try {
                s.session.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing a decoder session failed", e);
            }
        }
    }

    @Override
    public void close() {
        for (StreamKey key : sessions.keySet().toArray(StreamKey[]::new)) close(key);
    }
}
