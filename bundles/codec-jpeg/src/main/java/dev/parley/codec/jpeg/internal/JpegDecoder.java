package dev.parley.codec.jpeg.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.RawFrame;
import dev.parley.api.codec.VideoImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * JPEG decoder on the JDK's ImageIO reader. Anything that is not one complete JPEG picture fails with
 * {@link CodecException}: garbage, a truncated stream (which ImageIO would otherwise fill with grey and only warn
 * about), and pictures larger than the pixel limit, which is checked from the header before anything is allocated.
 *
 * <p>Configuration PID {@value #PID}: {@code maxPixels} (width times height, default {@value #DEFAULT_MAX_PIXELS},
 * 4096 x 4096).
 */
@Component(
        service = FrameDecoder.class,
        configurationPid = JpegDecoder.PID,
        property = {
                FrameEncoder.PROP_CODEC + "=" + JpegEncoder.CODEC,
                FrameEncoder.PROP_KIND + "=VIDEO",
                "service.ranking:Integer=0"
        })
@Designate(ocd = JpegDecoder.Config.class)
public final class JpegDecoder implements FrameDecoder {
    public static final String PID = "parley.codec.jpeg.decoder";
    public static final long DEFAULT_MAX_PIXELS = 4096L * 4096L;

    @ObjectClassDefinition(name = "Parley JPEG decoder", description = "ImageIO JPEG decoder for video frames")
    public @interface Config {
        @AttributeDefinition(description = "Largest picture accepted, in pixels (width x height); larger frames are rejected as corrupt")
        long maxPixels() default DEFAULT_MAX_PIXELS;
    }

    private final long maxPixels;

    @Activate
    public JpegDecoder(Config config) {
        this(config.maxPixels());
    }

    public JpegDecoder(long maxPixels) {
        this.maxPixels = maxPixels > 0 ? maxPixels : DEFAULT_MAX_PIXELS;
    }

    @Override
    public String codec() {
        return JpegEncoder.CODEC;
    }

    @Override
    public MediaKind kind() {
        return MediaKind.VIDEO;
    }

    @Override
    public DecoderSession open(String codecId) throws CodecException {
        if (codecId == null || !JpegEncoder.CODEC.equals(FrameDecoder.codecName(codecId))) {
            throw new CodecException("not a jpeg stream: " + codecId);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new CodecException("this JDK has no ImageIO JPEG reader");
        }
        return new Session(readers.next(), maxPixels);
    }

    /** One stream: reuses one ImageIO reader, which is not thread-safe; the SPI promises one thread at a time. */
    static final class Session implements DecoderSession {
        private final ImageReader reader;
        private final long maxPixels;
        private final List<String> warnings = new ArrayList<>();
        private final IIOReadWarningListener warningListener = (source, warning) -> warnings.add(warning);

        Session(ImageReader reader, long maxPixels) {
            this.reader = reader;
            this.maxPixels = maxPixels;
        }

        @Override
        public RawFrame decode(ByteBuffer payload) throws CodecException {
            if (payload == null || !payload.hasRemaining()) {
                throw new CodecException("empty jpeg payload");
            }
            byte[] data = new byte[payload.remaining()];
            payload.duplicate().get(data);
            warnings.clear();
            try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener(warningListener);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new CodecException("jpeg picture of " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " exceeds the limit of " + maxPixels + " pixels");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new CodecException("jpeg reader returned no picture");
                }
                // Truncated data decodes to a partly grey picture with only a warning ("Premature end of JPEG file").
                if (!warnings.isEmpty()) {
                    throw new CodecException("corrupt jpeg: " + String.join("; ", warnings));
                }
                return new VideoImage(image);
            } catch (IOException | RuntimeException e) {
                // IIOException for malformed headers; the native decoder also throws unchecked exceptions on garbage.
                throw new CodecException("corrupt jpeg: " + e.getMessage(), e);
            } finally {
                reader.reset(); // drops the input stream and the listener
            }
        }

        @Override
        public void close() {
            reader.dispose();
        }
    }
}
