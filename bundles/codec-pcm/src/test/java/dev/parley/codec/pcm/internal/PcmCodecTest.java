package dev.parley.codec.pcm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.EncodedFrame;
import dev.parley.api.codec.FrameDecoder.DecoderSession;
import dev.parley.api.codec.FrameEncoder.EncoderSession;
import dev.parley.api.codec.MediaFormat;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PcmCodecTest {
    private final PcmEncoder encoder = new PcmEncoder();
    private final PcmDecoder decoder = new PcmDecoder();

    @ParameterizedTest
    @ValueSource(ints = {16000, 48000})
    void samplesSurviveARoundTripExactly(int rate) throws Exception {
        short[] samples = noise(rate / 50, rate);
        samples[0] = Short.MIN_VALUE;
        samples[1] = Short.MAX_VALUE;
        samples[2] = -1;

        EncodedFrame frame = encode(MediaFormat.audio(rate, 1, 20), new AudioSamples(samples, rate, 1));
        AudioSamples decoded = decode(frame.codecId(), frame.data());

        assertArrayEquals(samples, decoded.samples());
        assertEquals(rate, decoded.sampleRate());
        assertEquals(1, decoded.channels());
        assertEquals(samples.length * 2, frame.data().length);
        assertTrue(frame.keyframe());
    }

    @Test
    void theCodecIdCarriesTheRateAndChannelsOnlyWhenNotMono() throws Exception {
        assertEquals("pcm-s16le;rate=16000",
                encode(MediaFormat.audio(16000, 1, 20), new AudioSamples(new short[320], 16000, 1)).codecId());
        assertEquals("pcm-s16le;rate=48000",
                encode(MediaFormat.audio(48000, 1, 20), new AudioSamples(new short[960], 48000, 1)).codecId());
        assertEquals("pcm-s16le;rate=48000;channels=2",
                encode(MediaFormat.audio(48000, 2, 20), new AudioSamples(new short[1920], 48000, 2)).codecId());
    }

    @Test
    void samplesAreLittleEndian() throws Exception {
        byte[] data = encode(MediaFormat.audio(16000, 1, 20), new AudioSamples(new short[] {0x0102, -2}, 16000, 1)).data();

        assertArrayEquals(new byte[] {0x02, 0x01, (byte) 0xFE, (byte) 0xFF}, data);
    }

    @Test
    void stereoSurvivesARoundTripWithItsChannelCount() throws Exception {
        short[] samples = noise(1920, 7);
        EncodedFrame frame = encode(MediaFormat.audio(48000, 2, 20), new AudioSamples(samples, 48000, 2));

        AudioSamples decoded = decode(frame.codecId(), frame.data());

        assertEquals(2, decoded.channels());
        assertArrayEquals(samples, decoded.samples());
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 22050, 44100, 96000})
    void theEncoderOpensOnlyFor16kOr48k(int rate) {
        assertThrows(CodecException.class, () -> encoder.open(MediaFormat.audio(rate, 1, 20)));
    }

    @Test
    void theEncoderRefusesVideoAndOddChannelCounts() {
        assertThrows(CodecException.class, () -> encoder.open(MediaFormat.video(640, 480, 15)));
        assertThrows(CodecException.class, () -> encoder.open(MediaFormat.audio(16000, 0, 20)));
        assertThrows(CodecException.class, () -> encoder.open(MediaFormat.audio(16000, 3, 20)));
    }

    @Test
    void samplesAtAnotherRateThanTheSessionAreACodecException() throws Exception {
        try (EncoderSession session = encoder.open(MediaFormat.audio(16000, 1, 20))) {
            assertThrows(CodecException.class, () -> session.encode(new AudioSamples(new short[960], 48000, 1)));
        }
    }

    @Test
    void anOddByteCountIsACodecException() throws Exception {
        try (DecoderSession session = decoder.open("pcm-s16le;rate=16000")) {
            assertThrows(CodecException.class, () -> session.decode(ByteBuffer.wrap(new byte[641])));
        }
    }

    @Test
    void samplesThatAreNotWholeStereoFramesAreACodecException() throws Exception {
        try (DecoderSession session = decoder.open("pcm-s16le;rate=48000;channels=2")) {
            assertThrows(CodecException.class, () -> session.decode(ByteBuffer.wrap(new byte[6])));
        }
    }

    @Test
    void theDecoderNeedsAPcmCodecIdWithASaneRate() {
        assertThrows(CodecException.class, () -> decoder.open("pcm-s16le"));
        assertThrows(CodecException.class, () -> decoder.open("pcm-s16le;rate=abc"));
        assertThrows(CodecException.class, () -> decoder.open("pcm-s16le;rate=1000000"));
        assertThrows(CodecException.class, () -> decoder.open("pcm-s16le;rate=16000;channels=0"));
        assertThrows(CodecException.class, () -> decoder.open("jpeg"));
        assertThrows(CodecException.class, () -> decoder.open(null));
    }

    @Test
    void decodingLeavesThePayloadBufferPositionAlone() throws Exception {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {9, 9, 1, 0, 2, 0}).position(2);

        try (DecoderSession session = decoder.open("pcm-s16le;rate=16000")) {
            assertArrayEquals(new short[] {1, 2}, ((AudioSamples) session.decode(payload)).samples());
        }
        assertEquals(2, payload.position());
    }

    private EncodedFrame encode(MediaFormat format, AudioSamples samples) throws CodecException {
        try (EncoderSession session = encoder.open(format)) {
            return session.encode(samples);
        }
    }

    private AudioSamples decode(String codecId, byte[] data) throws CodecException {
        try (DecoderSession session = decoder.open(codecId)) {
            return (AudioSamples) session.decode(ByteBuffer.wrap(data));
        }
    }

    private static short[] noise(int count, long seed) {
        Random random = new Random(seed);
        short[] samples = new short[count];
        for (int i = 0; i < count; i++) {
            samples[i] = (short) random.nextInt();
        }
        return samples;
    }
}
