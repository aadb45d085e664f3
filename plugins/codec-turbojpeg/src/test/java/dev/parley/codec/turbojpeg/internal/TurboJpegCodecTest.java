package dev.parley.codec.turbojpeg.internal;

import static dev.parley.codec.turbojpeg.internal.TestPictures.meanAbsoluteError;
import static dev.parley.codec.turbojpeg.internal.TestPictures.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.EncodedFrame;
import dev.parley.api.codec.FrameDecoder.DecoderSession;
import dev.parley.api.codec.FrameEncoder.EncoderSession;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.VideoImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TurboJpegCodecTest {
    private static final MediaFormat VGA = MediaFormat.video(640, 480, 15);

    private TurboJpeg lib;
    private final AtomicReference<TurboJpegSettings> settings = new AtomicReference<>(TurboJpegSettings.DEFAULTS);

    @BeforeEach
    void library() {
        lib = NativeTurboJpeg.require();
    }

    private TurboJpegEncoder encoder() {
        return new TurboJpegEncoder(lib, settings::get);
    }

    private TurboJpegDecoder decoder() {
        return new TurboJpegDecoder(lib, settings::get);
    }

    @Test
    void aTestPatternSurvivesARoundTripWithItsSizeAndCloseToItsPixels() throws Exception {
        BufferedImage original = pattern(640, 480, BufferedImage.TYPE_3BYTE_BGR);

        BufferedImage decoded = decode(encode(original).data());

        assertEquals(640, decoded.getWidth());
        assertEquals(480, decoded.getHeight());
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, decoded.getType());
        double error = meanAbsoluteError(original, decoded);
        assertTrue(error < 6, "mean absolute error per channel " + error);
    }

    @Test
    void framesAreKeyframesLabelledWithTheTurboEncoderButNamedJpeg() throws Exception {
        EncodedFrame frame = encode(pattern(64, 48, BufferedImage.TYPE_3BYTE_BGR));

        assertEquals("jpeg;enc=turbo", frame.codecId());
        assertEquals("jpeg", encoder().codec());
        assertEquals("jpeg", decoder().codec());
        assertTrue(frame.keyframe());
        assertEquals((byte) 0xFF, frame.data()[0]);
        assertEquals((byte) 0xD8, frame.data()[1]);
    }

    @Test
    void imageIoDecodesTurboFramesAndTurboDecodesImageIoFrames() throws Exception {
        BufferedImage original = pattern(320, 240, BufferedImage.TYPE_3BYTE_BGR);

        BufferedImage byImageIo = ImageIO.read(new ByteArrayInputStream(encode(original).data()));
        assertNotNull(byImageIo);
        assertTrue(meanAbsoluteError(original, byImageIo) < 6);

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(original, "jpeg", written));
        BufferedImage byTurbo = decode(written.toByteArray());
        assertTrue(meanAbsoluteError(original, byTurbo) < 6);
    }

    @Test
    void qualityFromTheSettingsAppliesToTheNextFrameOfARunningSession() throws Exception {
        BufferedImage image = pattern(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        try (EncoderSession session = encoder().open(VGA)) {
            settings.set(new TurboJpegSettings(30, TurboJpeg.TJSAMP_420, TurboJpegSettings.DEFAULT_MAX_PIXELS));
            int low = session.encode(new VideoImage(image)).data().length;
            settings.set(new TurboJpegSettings(95, TurboJpeg.TJSAMP_420, TurboJpegSettings.DEFAULT_MAX_PIXELS));
            int high = session.encode(new VideoImage(image)).data().length;

            assertTrue(high > low, "quality 95 gave " + high + " bytes, 30 gave " + low);
        }
    }

    @Test
    void fullChromaGivesLargerFramesThanFourTwoZero() throws Exception {
        BufferedImage image = pattern(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        int subsampled = encode(image).data().length;
        settings.set(new TurboJpegSettings(80, TurboJpeg.TJSAMP_444, TurboJpegSettings.DEFAULT_MAX_PIXELS));

        assertTrue(encode(image).data().length > subsampled);
    }

    @Test
    void intRgbAndSubImagesGoAcrossWithoutConversionAndKeepTheirColours() throws Exception {
        BufferedImage rgb = pattern(160, 120, BufferedImage.TYPE_INT_RGB);
        assertTrue(meanAbsoluteError(rgb, decode(encode(rgb).data())) < 6);

        BufferedImage bgr = pattern(160, 120, BufferedImage.TYPE_INT_BGR);
        assertTrue(meanAbsoluteError(bgr, decode(encode(bgr).data())) < 6);

        BufferedImage big = pattern(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        BufferedImage part = big.getSubimage(40, 30, 200, 100);
        BufferedImage decoded = decode(encode(part).data());
        assertEquals(200, decoded.getWidth());
        assertTrue(meanAbsoluteError(part, decoded) < 6);
    }

    @Test
    void imagesWithAlphaGreyOrIndexedColourAreConvertedAndEncoded() throws Exception {
        for (int type : new int[] {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR,
                BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_USHORT_565_RGB}) {
            BufferedImage decoded = decode(encode(pattern(96, 64, type)).data());

            assertEquals(96, decoded.getWidth(), "type " + type);
            assertEquals(64, decoded.getHeight(), "type " + type);
        }
    }

    @Test
    void oneSessionEncodesFramesOfChangingSizes() throws Exception {
        try (EncoderSession session = encoder().open(VGA)) {
            for (int[] size : new int[][] {{640, 480}, {1280, 720}, {64, 48}, {640, 480}}) {
                byte[] data = session.encode(new VideoImage(pattern(size[0], size[1], BufferedImage.TYPE_3BYTE_BGR))).data();
                BufferedImage decoded = decode(data);
                assertEquals(size[0], decoded.getWidth());
                assertEquals(size[1], decoded.getHeight());
            }
        }
    }

    @Test
    void closingSessionsDestroysTheirHandlesAndFreesTheirNativeBuffers() throws Exception {
        NativeTurboJpeg.Counting counting = new NativeTurboJpeg.Counting(lib);
        TurboJpegEncoder encoder = new TurboJpegEncoder(counting.lib, settings::get);
        TurboJpegDecoder decoder = new TurboJpegDecoder(counting.lib, settings::get);

        EncoderSession enc = encoder.open(VGA);
        DecoderSession dec = decoder.open("jpeg;enc=turbo");
        for (int i = 0; i < 10; i++) {
            dec.decode(ByteBuffer.wrap(enc.encode(new VideoImage(pattern(160, 120, BufferedImage.TYPE_3BYTE_BGR))).data()));
        }
        enc.close();
        dec.close();
        enc.close(); // twice is harmless

        assertEquals(1, counting.count("tjAlloc"), "one output buffer for ten frames of one size");
        assertEquals(counting.count("tjAlloc"), counting.count("tjFree"));
        assertEquals(counting.count("tjInitCompress") + counting.count("tjInitDecompress"), counting.count("tjDestroy"));
        assertThrows(CodecException.class, () -> enc.encode(new VideoImage(pattern(16, 16, BufferedImage.TYPE_3BYTE_BGR))));
        assertThrows(CodecException.class, () -> dec.decode(ByteBuffer.wrap(new byte[] {(byte) 0xFF, (byte) 0xD8})));
    }

    @Test
    void encodingAudioIsACodecException() throws Exception {
        assertThrows(CodecException.class, () -> encoder().open(MediaFormat.audio(16000, 1, 20)));
        try (EncoderSession session = encoder().open(VGA)) {
            assertThrows(CodecException.class, () -> session.encode(new AudioSamples(new short[320], 16000, 1)));
        }
    }

    @Test
    void aTruncatedJpegIsACodecException() throws Exception {
        byte[] data = encode(pattern(320, 240, BufferedImage.TYPE_3BYTE_BGR)).data();

        for (int length : new int[] {data.length / 2, data.length - 10, 2, 20, 200}) {
            byte[] cut = Arrays.copyOf(data, length);
            assertThrows(CodecException.class, () -> decode(cut), "cut to " + length + " bytes");
        }
    }

    @Test
    void garbageAndEmptyPayloadsAreCodecExceptions() throws Exception {
        byte[] noise = new byte[5000];
        new Random(1).nextBytes(noise);
        byte[] startsLikeJpeg = noise.clone();
        startsLikeJpeg[0] = (byte) 0xFF;
        startsLikeJpeg[1] = (byte) 0xD8;

        assertThrows(CodecException.class, () -> decode(noise));
        assertThrows(CodecException.class, () -> decode(startsLikeJpeg));
        assertThrows(CodecException.class, () -> decode(new byte[0]));
    }

    @Test
    void corruptedBytesGiveAPictureOrACodecExceptionButNeverAnotherExceptionOrACrash() throws Exception {
        byte[] data = encode(pattern(160, 120, BufferedImage.TYPE_3BYTE_BGR)).data();
        Random random = new Random(42);
        int rejected = 0;
        try (DecoderSession session = decoder().open("jpeg")) {
            for (int round = 0; round < 500; round++) {
                byte[] damaged = round % 5 == 0 ? Arrays.copyOf(data, random.nextInt(data.length)) : data.clone();
                for (int flips = 1 + random.nextInt(8); flips > 0 && damaged.length > 0; flips--) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                try {
                    session.decode(ByteBuffer.wrap(damaged));
                } catch (CodecException expected) {
                    rejected++; // the stream goes on with the next frame
                }
            }
            // the session still decodes good frames after all that
            assertEquals(160, ((VideoImage) session.decode(ByteBuffer.wrap(data))).width());
        }
        assertTrue(rejected > 0);
    }

    @Test
    void aPictureLargerThanThePixelLimitIsRejectedBeforeDecoding() throws Exception {
        byte[] data = encode(pattern(64, 48, BufferedImage.TYPE_3BYTE_BGR)).data();
        settings.set(new TurboJpegSettings(80, TurboJpeg.TJSAMP_420, 64 * 48 - 1));

        assertThrows(CodecException.class, () -> decode(data));
    }

    @Test
    void decodingLeavesThePayloadAloneAndTakesReadOnlyAndDirectBuffers() throws Exception {
        byte[] data = encode(pattern(64, 48, BufferedImage.TYPE_3BYTE_BGR)).data();
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length + 3).position(3);
        direct.put(data).position(3);

        try (DecoderSession session = decoder().open("jpeg")) {
            ByteBuffer readOnly = ByteBuffer.wrap(data).asReadOnlyBuffer();
            assertEquals(64, ((VideoImage) session.decode(readOnly)).width());
            assertEquals(0, readOnly.position());
            assertEquals(48, ((VideoImage) session.decode(direct)).height());
            assertEquals(3, direct.position());
        }
        assertArrayEquals(data, encode(pattern(64, 48, BufferedImage.TYPE_3BYTE_BGR)).data());
    }

    @Test
    void theDecoderOpensOnlyJpegStreams() throws Exception {
        assertThrows(CodecException.class, () -> decoder().open("pcm-s16le;rate=16000"));
        assertThrows(CodecException.class, () -> decoder().open(null));
        decoder().open("jpeg").close();
        decoder().open("jpeg;enc=turbo").close();
    }

    private EncodedFrame encode(BufferedImage image) throws CodecException {
        try (EncoderSession session = encoder().open(VGA)) {
            return session.encode(new VideoImage(image));
        }
    }

    private BufferedImage decode(byte[] data) throws CodecException {
        try (DecoderSession session = decoder().open("jpeg")) {
            return ((VideoImage) session.decode(ByteBuffer.wrap(data))).image();
        }
    }
}
