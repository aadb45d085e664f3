package dev.parley.codec.example.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.EncodedFrame;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.MediaFormat;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class MuLawTest {
    @Test
    void knownValuesOfG711() {
        assertEquals((byte) 0xff, MuLaw.encode((short) 0));
        assertEquals(0, MuLaw.decode((byte) 0xff));
        assertEquals((byte) 0x80, MuLaw.encode(Short.MAX_VALUE), "the loudest positive sample");
        assertEquals((byte) 0x00, MuLaw.encode(Short.MIN_VALUE), "the loudest negative sample");
        assertEquals(32124, MuLaw.decode((byte) 0x80));
        assertEquals(-32124, MuLaw.decode((byte) 0x00));
    }

    @Test
    void everySampleComesBackWithinItsStepAndTheSignIsKept() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            byte code = MuLaw.encode((short) s);
            short back = MuLaw.decode(code);
            int error = Math.abs(back - s);
            // The step is 2^(exponent + 3) and doubles with each exponent: a sample comes back within half a step.
            int exponent = (~code >> 4) & 0x07;
            int halfStep = 1 << (exponent + 2);
            assertTrue(error <= halfStep || Math.abs(s) > 32635, s + " came back as " + back + ", more than " + halfStep + " off");
            if (Math.abs(s) > 8) assertEquals(Integer.signum(s), Integer.signum(back), "sign of " + s);
        }
    }

    @Test
    void aFrameOfAStreamGoesThroughEncoderAndDecoderAtItsRate() throws CodecException {
        FrameEncoder.EncoderSession enc = new MuLawEncoder().open(MediaFormat.audio(16000, 1, 20));
        short[] tone = new short[320];
        for (int i = 0; i < tone.length; i++) tone[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        EncodedFrame e = enc.encode(new AudioSamples(tone, 16000, 1));
        assertEquals("pcmu;rate=16000", e.codecId());
        assertEquals(320, e.data().length, "one byte a sample: half of raw PCM");
        FrameDecoder.DecoderSession dec = new MuLawDecoder().open(e.codecId());
        AudioSamples back = (AudioSamples) dec.decode(ByteBuffer.wrap(e.data()));
        assertEquals(16000, back.sampleRate());
        for (int i = 0; i < tone.length; i++) assertTrue(Math.abs(back.samples()[i] - tone[i]) <= 260, "sample " + i);
    }

    @Test
    void stereoIsRefusedSoThePublicationUsesItsNextEncoder() {
        assertThrows(CodecException.class, () -> new MuLawEncoder().open(MediaFormat.audio(48000, 2, 20)));
    }

    @Test
    void aCodecIdWithoutRateIsG711sOwnEightKilohertz() throws CodecException {
        AudioSamples s = (AudioSamples) new MuLawDecoder().open("pcmu").decode(ByteBuffer.wrap(new byte[] {(byte) 0xff}));
        assertEquals(8000, s.sampleRate());
        assertThrows(CodecException.class, () -> new MuLawDecoder().open("pcmu;rate=fast"));
    }
}
