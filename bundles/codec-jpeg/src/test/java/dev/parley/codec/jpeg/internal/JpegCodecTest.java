package dev.parley.codec.jpeg.internal;

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
import dev.parley.api.codec.VideoImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JpegCodecTest {
    private static final MediaFormat VGA = MediaFormat.video(640, 480, 15);

    @Test
    void aTestPatternSurvivesARoundTripWithItsSizeAndCloseToItsPixels() throws Exception {
        BufferedImage original = testPattern(640, 480, BufferedImage.TYPE_3BYTE_BGR);

        BufferedImage decoded = decode(encode(new JpegEncoder(0.8f), original).data());

        assertEquals(640, decoded.getWidth());
        assertEquals(480, decoded.getHeight());
        double error = meanAbsoluteError(original, decoded);
        assertTrue(error < 6, "mean absolute error per channel " + error);
    }

    @Test
    void everyFrameIsAKeyframeLabelledJpeg() throws Exception {
        EncodedFrame frame = encode(new JpegEncoder(0.8f), testPattern(64, 48, BufferedImage.TYPE_INT_RGB));

        assertEquals("jpeg", frame.codecId());
        assertTrue(frame.keyframe());
        assertEquals((byte) 0xFF, frame.data()[0]);
        assertEquals((byte) 0xD8, frame.data()[1]);
    }

    @Test
    void higherQualityGivesLargerFrames() throws Exception {
        BufferedImage image = testPattern(320, 240, BufferedImage.TYPE_3BYTE_BGR);

        int low = encode(new JpegEncoder(0.3f), image).data().length;
        int high = encode(new JpegEncoder(0.95f), image).data().length;

        assertTrue(high > low, "quality 0.95 gave " + high + " bytes, 0.3 gave " + low);
    }

    @Test
    void qualityOutsideZeroToOneIsClamped() {
        assertEquals(1f, new JpegEncoder(7f).quality());
        assertEquals(0f, new JpegEncoder(-1f).quality());
        assertEquals(JpegEncoder.DEFAULT_QUALITY, new JpegEncoder(Float.NaN).quality());
    }

    @Test
    void imagesWithAlphaGreyOrIndexedColourAreConvertedAndEncoded() throws Exception {
        for (int type : new int[] {BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR,
                BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_BYTE_INDEXED, BufferedImage.TYPE_USHORT_565_RGB}) {
            BufferedImage decoded = decode(encode(new JpegEncoder(0.8f), testPattern(96, 64, type)).data());

            assertEquals(96, decoded.getWidth(), "type " + type);
            assertEquals(64, decoded.getHeight(), "type " + type);
        }
    }

    @Test
    void oneSessionEncodesManyFramesInARow() throws Exception {
        try (EncoderSession session = new JpegEncoder(0.8f).open(VGA)) {
            for (int i = 0; i < 5; i++) {
                byte[] data = session.encode(new VideoImage(testPattern(160, 120, BufferedImage.TYPE_3BYTE_BGR))).data();
                assertEquals(160, decode(data).getWidth());
            }
        }
    }

    @Test
    void encodingAudioIsACodecException() throws Exception {
        try (EncoderSession session = new JpegEncoder(0.8f).open(VGA)) {
            assertThrows(CodecException.class, () -> session.encode(new AudioSamples(new short[320], 16000, 1)));
        }
    }

    @Test
    void aTruncatedJpegIsACodecException() throws Exception {
        byte[] data = encode(new JpegEncoder(0.8f), testPattern(320, 240, BufferedImage.TYPE_3BYTE_BGR)).data();

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
    void corruptedBytesGiveAPictureOrACodecExceptionButNeverAnotherException() throws Exception {
        byte[] data = encode(new JpegEncoder(0.8f), testPattern(160, 120, BufferedImage.TYPE_3BYTE_BGR)).data();
        Random random = new Random(42);
        try (DecoderSession session = new JpegDecoder(JpegDecoder.DEFAULT_MAX_PIXELS).open("jpeg")) {
            for (int round = 0; round < 300; round++) {
                byte[] damaged = data.clone();
                for (int flips = 1 + random.nextInt(8); flips > 0; flips--) {
                    damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                }
                try {
                    session.decode(ByteBuffer.wrap(damaged));
                } catch (CodecException expected) {
                    // fine: the stream goes on with the next frame
                }
            }
            // the session still decodes good frames after all that
            assertEquals(160, ((VideoImage) session.decode(ByteBuffer.wrap(data))).width());
        }
    }

    @Test
    void aPictureLargerThanThePixelLimitIsRejectedBeforeDecoding() throws Exception {
        byte[] data = encode(new JpegEncoder(0.8f), testPattern(64, 48, BufferedImage.TYPE_3BYTE_BGR)).data();

        try (DecoderSession session = new JpegDecoder(64 * 48 - 1).open("jpeg")) {
            assertThrows(CodecException.class, () -> session.decode(ByteBuffer.wrap(data)));
        }
    }

    @Test
    void decodingLeavesThePayloadBufferPositionAlone() throws Exception {
        byte[] data = encode(new JpegEncoder(0.8f), testPattern(64, 48, BufferedImage.TYPE_3BYTE_BGR)).data();
        ByteBuffer payload = ByteBuffer.wrap(data);

        try (DecoderSession session = new JpegDecoder(JpegDecoder.DEFAULT_MAX_PIXELS).open("jpeg")) {
            session.decode(payload);
        }

        assertEquals(0, payload.position());
        assertArrayEquals(data, payload.array());
    }

    @Test
    void theDecoderOpensOnlyJpegStreams() {
        JpegDecoder decoder = new JpegDecoder(JpegDecoder.DEFAULT_MAX_PIXELS);

        assertThrows(CodecException.class, () -> decoder.open("pcm-s16le;rate=16000"));
        assertThrows(CodecException.class, () -> decoder.open(null));
    }

    private static EncodedFrame encode(JpegEncoder encoder, BufferedImage image) throws CodecException {
        try (EncoderSession session = encoder.open(VGA)) {
            return session.encode(new VideoImage(image));
        }
    }

    private static BufferedImage decode(byte[] data) throws CodecException {
        try (DecoderSession session = new JpegDecoder(JpegDecoder.DEFAULT_MAX_PIXELS).open("jpeg")) {
            return ((VideoImage) session.decode(ByteBuffer.wrap(data))).image();
        }
    }

    /** Colour bars over a grey gradient with a caption, like the capture bundle's moving test pattern. */
    static BufferedImage testPattern(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        Color[] bars = {Color.WHITE, Color.YELLOW, Color.CYAN, Color.GREEN, Color.MAGENTA, Color.RED, Color.BLUE, Color.BLACK};
        int barHeight = height * 2 / 3;
        for (int i = 0; i < bars.length; i++) {
            g.setColor(bars[i]);
            g.fillRect(i * width / bars.length, 0, (i + 1) * width / bars.length - i * width / bars.length, barHeight);
        }
        g.setPaint(new GradientPaint(0, 0, Color.BLACK, width, 0, Color.WHITE));
        g.fillRect(0, barHeight, width, height - barHeight);
        g.setColor(Color.ORANGE);
        g.fillRect(width / 3, height / 3, width / 8, height / 8);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(8, height / 8)));
        g.drawString("alice", width / 10, height / 2);
        g.dispose();
        return image;
    }

    private static double meanAbsoluteError(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift <= 16; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
                }
            }
        }
        return (double) sum / (a.getWidth() * a.getHeight() * 3L);
    }
}
