package dev.parley.codec.jpeg.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.EncodedFrame;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import dev.parley.api.codec.VideoImage;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * JPEG encoder on the JDK's ImageIO writer. Every frame is a keyframe. Chroma is subsampled 4:2:0, ImageIO's default
 * for colour images.
 *
 * <p>Configuration PID {@value #PID}: {@code quality} (0.0 to 1.0, default 0.8; values outside are clamped).
 */
@Component(
        service = FrameEncoder.class,
        configurationPid = JpegEncoder.PID,
        property = {
                FrameEncoder.PROP_CODEC + "=" + JpegEncoder.CODEC,
                FrameEncoder.PROP_KIND + "=VIDEO",
                "service.ranking:Integer=0"
        })
@Designate(ocd = JpegEncoder.Config.class)
public final class JpegEncoder implements FrameEncoder {
    public static final String PID = "parley.codec.jpeg";
    public static final String CODEC = "jpeg";
    public static final float DEFAULT_QUALITY = 0.8f;

    @ObjectClassDefinition(name = "Parley JPEG encoder", description = "ImageIO JPEG encoder for video frames")
    public @interface Config {
        @AttributeDefinition(description = "JPEG quality from 0.0 (smallest) to 1.0 (best); outside values are clamped")
        float quality() default DEFAULT_QUALITY;
    }

    private final float quality;

    @Activate
    public JpegEncoder(Config config) {
        this(config.quality());
    }

    public JpegEncoder(float quality) {
        this.quality = Float.isNaN(quality) ? DEFAULT_QUALITY : Math.max(0f, Math.min(1f, quality));
    }

    public float quality() {
        return quality;
    }

    @Override
    public String codec() {
        return CODEC;
    }

    @Override
    public MediaKind kind() {
        return MediaKind.VIDEO;
    }

    @Override
    public EncoderSession open(MediaFormat format) throws CodecException {
        if (format != null && format.kind() != MediaKind.VIDEO) {
            throw new CodecException("jpeg encodes video, not " + format.kind());
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new CodecException("this JDK has no ImageIO JPEG writer");
        }
        return new Session(writers.next(), quality);
    }

    /** One stream: reuses one ImageIO writer, which is not thread-safe; the SPI promises one thread at a time. */
    static final class Session implements EncoderSession {
        private final ImageWriter writer;
        private final ImageWriteParam param;

        Session(ImageWriter writer, float quality) {
            this.writer = writer;
            this.param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
        }

        @Override
        public EncodedFrame encode(RawFrame frame) throws CodecException {
            if (!(frame instanceof VideoImage video)) {
                throw new CodecException("jpeg encodes video images, not " + frame);
            }
            BufferedImage image = toRgb(video.image());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, image.getWidth() * image.getHeight() / 8));
            // A memory cache, not ImageIO.createImageOutputStream: that one may cache through a temporary file.
            try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            } catch (IOException | RuntimeException e) {
                throw new CodecException("jpeg encoding failed: " + e.getMessage(), e);
            } finally {
                writer.reset(); // drops the output and listeners; our param object keeps the quality
            }
            return new EncodedFrame(CODEC, bytes.toByteArray(), true);
        }

        @Override
        public void close() {
            writer.dispose();
        }
    }

    /**
     * The image itself when the JPEG writer takes it as plain RGB; otherwise a TYPE_3BYTE_BGR copy (alpha, indexed
     * and odd layouts would be written as CMYK-like or rejected).
     */
    static BufferedImage toRgb(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = copy.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return copy;
    }
}
