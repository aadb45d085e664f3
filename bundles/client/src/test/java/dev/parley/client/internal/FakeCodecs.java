package dev.parley.client.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.EncodedFrame;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/** Hand-driven sources, encoders and decoders for the client's unit tests. */
final class FakeCodecs {
    private static final AtomicInteger SERVICE_IDS = new AtomicInteger(1);

    private FakeCodecs() {
    }

    /** Service properties as the framework would give them: a ranking and a fresh service id. */
    static Map<String, Object> ranked(int ranking) {
        return Map.of("service.ranking", ranking, "service.id", (long) SERVICE_IDS.getAndIncrement());
    }

    /** A source whose frames the test pushes by hand, on the test's thread. */
    static final class Source implements MediaSource {
        final MediaKind kind;
        int opened;
        int closed;
        private Consumer<RawFrame> sink;

        Source(MediaKind kind) {
            this.kind = kind;
        }

        void push(RawFrame frame) {
            sink.accept(frame);
        }

        @Override public String id() { return "fake-" + kind; }
        @Override public MediaKind kind() { return kind; }
        @Override public String description() { return "fake source"; }

        @Override
        public Capture open(CaptureSpec spec, Consumer<RawFrame> sink) {
            opened++;
            this.sink = sink;
            return () -> closed++;
        }
    }

    /**
     * An encoder that labels its frames with its own codec id. It can be told to throw when opening, or for the
     * frames (counted from 1 over its whole life) that {@code failOn} picks.
     */
    static final class Encoder implements FrameEncoder {
        final String codec;
        final String codecId;
        final MediaKind kind;
        Error openFailure;
        CodecException openRefusal;
        IntPredicate failOn = n -> false;
        RuntimeException encodeFailure = new IllegalStateException("native crash, simulated");
        boolean codecExceptionOnly;
        int opened;
        int closed;
        int encoded;

        Encoder(String codec, String codecId, MediaKind kind) {
            this.codec = codec;
            this.codecId = codecId;
            this.kind = kind;
        }

        @Override public String codec() { return codec; }
        @Override public MediaKind kind() { return kind; }

        @Override
        public EncoderSession open(MediaFormat format) throws CodecException {
            if (openFailure != null) throw openFailure;
            if (openRefusal != null) throw openRefusal;
            opened++;
            return new EncoderSession() {
                @Override
                public EncodedFrame encode(RawFrame frame) throws CodecException {
                    int n = ++encoded;
                    if (failOn.test(n)) {
                        if (codecExceptionOnly) throw new CodecException("bad frame " + n);
                        throw encodeFailure;
                    }
                    return new EncodedFrame(codecId, new byte[] {(byte) n}, true);
                }

                @Override
                public void close() {
                    closed++;
                }
            };
        }
    }

    /**
     * A decoder that turns every payload into 20 ms at 16 kHz (or {@code samples} samples) of its first byte's value,
     * or refuses the payloads that start with 0.
     */
    static final class Decoder implements FrameDecoder {
        final String codec;
        int samples = 320;
        int opened;
        int decoded;

        Decoder(String codec) {
            this.codec = codec;
        }

        @Override public String codec() { return codec; }
        @Override public MediaKind kind() { return MediaKind.AUDIO; }

        @Override
        public DecoderSession open(String codecId) {
            opened++;
            return new DecoderSession() {
                @Override
                public RawFrame decode(ByteBuffer payload) throws CodecException {
                    if (payload.get(payload.position()) == 0) throw new CodecException("corrupt packet");
                    decoded++;
                    short[] pcm = new short[samples];
                    java.util.Arrays.fill(pcm, payload.get(payload.position()));
                    return new AudioSamples(pcm, 16000, 1);
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
