package dev.parley.codec.opus.internal;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OpusCodecTest {
    private Opus lib;
    private final AtomicReference<OpusSettings> settings = new AtomicReference<>(OpusSettings.DEFAULTS);

    @BeforeEach
    void library() {
        lib = NativeOpus.require();
    }

    private OpusEncoder encoder() {
        return new OpusEncoder(lib, settings::get);
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 48000})
    void aToneSurvivesARoundTripAtItsRateWithItsLoudness(int rate) throws Exception {
        List<AudioSamples> decoded = new ArrayList<>();
        List<AudioSamples> sent = new ArrayList<>();
        try (EncoderSession enc = encoder().open(MediaFormat.audio(rate, 1, 20));
             DecoderSession dec = new OpusDecoder(lib).open("opus;rate=" + rate)) {
            for (int i = 0; i < 25; i++) {
                AudioSamples frame = tone(rate, i, 440);
                sent.add(frame);
                EncodedFrame packet = enc.encode(frame);
                assertEquals("opus;rate=" + rate, packet.codecId());
                assertTrue(packet.keyframe());
                assertTrue(packet.data().length < frame.samples().length * 2 / 4, "20 ms at 24 kbit/s is about 60 bytes");
                decoded.add((AudioSamples) dec.decode(ByteBuffer.wrap(packet.data())));
            }
        }
        for (AudioSamples s : decoded) {
            assertEquals(rate / 50, s.samples().length);
            assertEquals(rate, s.sampleRate());
            assertEquals(1, s.channels());
        }
        // Past the codec's start-up, the decoded tone is about as loud as the one sent.
        double ratio = rms(decoded.subList(10, 25)) / rms(sent.subList(10, 25));
        assertTrue(ratio > 0.7 && ratio < 1.3, "decoded/sent loudness " + ratio);
    }

    @Test
    void theDecoderReadsTheRateFromTheCodecIdWhateverRateThePacketWasMadeAt() throws Exception {
        byte[] packet;
        try (EncoderSession enc = encoder().open(MediaFormat.audio(48000, 1, 20))) {
            packet = enc.encode(tone(48000, 0, 440)).data();
        }
        try (DecoderSession dec = new OpusDecoder(lib).open("opus;rate=16000")) {
            AudioSamples out = (AudioSamples) dec.decode(ByteBuffer.wrap(packet));
            assertEquals(320, out.samples().length);
            assertEquals(16000, out.sampleRate());
        }
    }

    @Test
    void theBitRateFromTheSettingsAppliesToTheNextFrameOfARunningSession() throws Exception {
        try (EncoderSession enc = encoder().open(MediaFormat.audio(48000, 1, 20))) {
            int low = 0;
            int high = 0;
            settings.set(new OpusSettings(8000));
            for (int i = 0; i < 10; i++) low += enc.encode(noise(48000, i)).data().length;
            settings.set(new OpusSettings(96000));
            for (int i = 10; i < 20; i++) high += enc.encode(noise(48000, i)).data().length;

            assertTrue(high > 2 * low, "96 kbit/s gave " + high + " bytes, 8 kbit/s " + low);
        }
    }

    @Test
    void stereoGoesAcrossWithItsChannelCountInTheCodecId() throws Exception {
        try (EncoderSession enc = encoder().open(MediaFormat.audio(48000, 2, 20))) {
            EncodedFrame packet = enc.encode(new AudioSamples(new short[1920], 48000, 2));
            assertEquals("opus;rate=48000;channels=2", packet.codecId());
            try (DecoderSession dec = new OpusDecoder(lib).open(packet.codecId())) {
                AudioSamples out = (AudioSamples) dec.decode(ByteBuffer.wrap(packet.data()));
                assertEquals(2, out.channels());
                assertEquals(1920, out.samples().length);
            }
        }
    }

    @Test
    void theEncoderOpensOnlyFor16kOr48kMonoOrStereoAudio() {
        assertThrows(CodecException.class, () -> encoder().open(MediaFormat.audio(44100, 1, 20)));
        assertThrows(CodecException.class, () -> encoder().open(MediaFormat.audio(16000, 3, 20)));
        assertThrows(CodecException.class, () -> encoder().open(MediaFormat.video(640, 480, 15)));
        assertThrows(CodecException.class, () -> encoder().open(null));
    }

    @Test
    void samplesThatAreNotOneOpusFrameOrNotTheStreamsRateAreCodecExceptions() throws Exception {
        try (EncoderSession enc = encoder().open(MediaFormat.audio(16000, 1, 20))) {
            assertThrows(CodecException.class, () -> enc.encode(new AudioSamples(new short[300], 16000, 1)));
            assertThrows(CodecException.class, () -> enc.encode(new AudioSamples(new short[960], 48000, 1)));
            assertEquals("opus;rate=16000", enc.encode(new AudioSamples(new short[160], 16000, 1)).codecId(), "10 ms is fine");
        }
    }

    @Test
    void packetsLibopusRefusesAreCodecExceptionsAndTheStreamGoesOn() throws Exception {
        byte[] good;
        try (EncoderSession enc = encoder().open(MediaFormat.audio(16000, 1, 20))) {
            good = enc.encode(tone(16000, 0, 440)).data();
        }
        try (DecoderSession dec = new OpusDecoder(lib).open("opus;rate=16000")) {
            // TOC code 3 without its frame-count byte; code 3 with zero frames; code 1 with an odd remainder.
            for (byte[] bad : new byte[][] {{0x03}, {0x03, 0x00}, {0x01, 0x05}, {}}) {
                assertThrows(CodecException.class, () -> dec.decode(ByteBuffer.wrap(bad)), Arrays.toString(bad));
            }
            assertEquals(320, ((AudioSamples) dec.decode(ByteBuffer.wrap(good))).samples().length);
        }
    }

    @Test
    void randomAndTruncatedPacketsGiveSamplesOrACodecExceptionButNeverAnotherExceptionOrACrash() throws Exception {
        byte[] good;
        try (EncoderSession enc = encoder().open(MediaFormat.audio(48000, 1, 20))) {
            good = enc.encode(tone(48000, 0, 440)).data();
        }
        Random random = new Random(7);
        int refused = 0;
        try (DecoderSession dec = new OpusDecoder(lib).open("opus;rate=48000")) {
            for (int round = 0; round < 2000; round++) {
                byte[] packet = round % 2 == 0 ? new byte[random.nextInt(1600)] : Arrays.copyOf(good, random.nextInt(good.length + 1));
                if (round % 2 == 0) random.nextBytes(packet);
                try {
                    dec.decode(ByteBuffer.wrap(packet));
                } catch (CodecException expected) {
                    refused++;
                }
            }
            assertEquals(960, ((AudioSamples) dec.decode(ByteBuffer.wrap(good))).samples().length);
        }
        assertTrue(refused > 0);
    }

    @Test
    void theDecoderNeedsAnOpusCodecIdWithARateOpusKnows() {
        OpusDecoder decoder = new OpusDecoder(lib);
        for (String id : new String[] {"opus", "opus;rate=44100", "opus;rate=abc", "opus;rate=16000;channels=3",
                "pcm-s16le;rate=16000", null}) {
            assertThrows(CodecException.class, () -> decoder.open(id), String.valueOf(id));
        }
    }

    @Test
    void closingSessionsDestroysTheirStatesOnceAndRefusesFurtherFrames() throws Exception {
        NativeOpus.Counting counting = new NativeOpus.Counting(lib);
        EncoderSession enc = new OpusEncoder(counting.lib, settings::get).open(MediaFormat.audio(16000, 1, 20));
        DecoderSession dec = new OpusDecoder(counting.lib).open("opus;rate=16000");
        dec.decode(ByteBuffer.wrap(enc.encode(tone(16000, 0, 440)).data()));

        enc.close();
        dec.close();
        enc.close();
        dec.close();

        assertEquals(1, counting.count("opus_encoder_destroy"));
        assertEquals(1, counting.count("opus_decoder_destroy"));
        assertThrows(CodecException.class, () -> enc.encode(tone(16000, 1, 440)));
        assertThrows(CodecException.class, () -> dec.decode(ByteBuffer.wrap(new byte[] {1, 2, 3})));
    }

    static AudioSamples tone(int rate, int frame, double hz) {
        short[] s = new short[rate / 50];
        for (int i = 0; i < s.length; i++) {
            double t = (double) (frame * s.length + i) / rate;
            s[i] = (short) (8000 * Math.sin(2 * Math.PI * hz * t));
        }
        return new AudioSamples(s, rate, 1);
    }

    private static AudioSamples noise(int rate, int seed) {
        Random random = new Random(seed);
        short[] s = new short[rate / 50];
        for (int i = 0; i < s.length; i++) s[i] = (short) (random.nextGaussian() * 6000);
        return new AudioSamples(s, rate, 1);
    }

    private static double rms(List<AudioSamples> frames) {
        double sum = 0;
        long n = 0;
        for (AudioSamples f : frames) {
            for (short v : f.samples()) sum += (double) v * v;
            n += f.samples().length;
        }
        return Math.sqrt(sum / n);
    }
}
