package dev.parley.benchmarks.codecs;

import com.sun.jna.Native;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.EncodedFrame;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import dev.parley.api.codec.VideoImage;
import dev.parley.codec.jpeg.internal.JpegDecoder;
import dev.parley.codec.jpeg.internal.JpegEncoder;
import dev.parley.codec.turbojpeg.internal.TurboJpeg;
import dev.parley.codec.turbojpeg.internal.TurboJpegDecoder;
import dev.parley.codec.turbojpeg.internal.TurboJpegEncoder;
import dev.parley.codec.turbojpeg.internal.TurboJpegSettings;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One video frame through each JPEG codec, as a stream uses it: one session for many frames. Quality 80 (0.8 for
 * ImageIO), 4:2:0 (ImageIO's default for colour), the test-pattern picture in TYPE_3BYTE_BGR as capture makes it.
 * Both decoders decode the same bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VideoCodecBenchmark {
    @Param({"640x480", "1280x720"})
    public String size;

    @Param({"imageio", "turbojpeg"})
    public String codec;

    private VideoImage picture;
    private byte[] jpeg;
    private FrameEncoder.EncoderSession encoder;
    private FrameDecoder.DecoderSession decoder;

    @Setup(Level.Trial)
    public void setUp() throws CodecException {
        String[] wh = size.split("x");
        int width = Integer.parseInt(wh[0]);
        int height = Integer.parseInt(wh[1]);
        picture = new VideoImage(TestImage.pattern(width, height));
        MediaFormat format = MediaFormat.video(width, height, 15);
        TurboJpeg lib = Native.load(TurboJpeg.NAME, TurboJpeg.class);
        try (FrameEncoder.EncoderSession reference = new TurboJpegEncoder(lib, () -> TurboJpegSettings.DEFAULTS).open(format)) {
            jpeg = reference.encode(picture).data();
        }
        if (codec.equals("imageio")) {
            encoder = new JpegEncoder(0.8f).open(format);
            decoder = new JpegDecoder(JpegDecoder.DEFAULT_MAX_PIXELS).open("jpeg");
        } else {
            encoder = new TurboJpegEncoder(lib, () -> TurboJpegSettings.DEFAULTS).open(format);
            decoder = new TurboJpegDecoder(lib, () -> TurboJpegSettings.DEFAULTS).open("jpeg");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.close();
        decoder.close();
    }

    @Benchmark
    public EncodedFrame encode() throws CodecException {
        return encoder.encode(picture);
    }

    @Benchmark
    public RawFrame decode() throws CodecException {
        return decoder.decode(ByteBuffer.wrap(jpeg));
    }
}
