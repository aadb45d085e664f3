package dev.parley.benchmarks.codecs;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.parley.codec.turbojpeg.internal.TurboJpeg;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Where the TurboJPEG codec's time goes at 640x480, beside {@link VideoCodecBenchmark}: the bare library calls
 * through JNA on native buffers (what tjbench measures, plus JNA's call cost), and the Java-side steps the codec adds
 * around them (copying the picture into native memory; a new picture and the copy out of native memory).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TurboJpegOverheadBenchmark {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 480;
    private static final int BYTES = WIDTH * HEIGHT * 3;

    private TurboJpeg lib;
    private Pointer compressor;
    private Pointer decompressor;
    private byte[] bgr;
    private Memory pixels;
    private Memory decoded;
    private Pointer jpegBuf;
    private long jpegCapacity;
    private final PointerByReference jpegBufRef = new PointerByReference();
    private final NativeLongByReference jpegSizeRef = new NativeLongByReference();
    private NativeLong jpegSize;

    @Setup(Level.Trial)
    public void setUp() {
        lib = Native.load(TurboJpeg.NAME, TurboJpeg.class);
        compressor = lib.tjInitCompress();
        decompressor = lib.tjInitDecompress();
        BufferedImage image = TestImage.pattern(WIDTH, HEIGHT);
        bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        pixels = new Memory(BYTES);
        pixels.write(0, bgr, 0, BYTES);
        decoded = new Memory(BYTES);
        jpegCapacity = lib.tjBufSize(WIDTH, HEIGHT, TurboJpeg.TJSAMP_420).longValue();
        jpegBuf = lib.tjAlloc((int) jpegCapacity);
        jpegSize = new NativeLong(compressNative());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        lib.tjDestroy(compressor);
        lib.tjDestroy(decompressor);
        lib.tjFree(jpegBuf);
        pixels.close();
        decoded.close();
    }

    /** tjCompress2 from native pixels into the native output buffer: tjbench's loop, called through JNA. */
    @Benchmark
    public long compressNative() {
        jpegBufRef.setValue(jpegBuf);
        jpegSizeRef.setValue(new NativeLong(jpegCapacity));
        if (lib.tjCompress2(compressor, pixels, WIDTH, WIDTH * 3, HEIGHT, TurboJpeg.TJPF_BGR, jpegBufRef, jpegSizeRef,
                TurboJpeg.TJSAMP_420, 80, TurboJpeg.TJFLAG_NOREALLOC) != 0) throw new IllegalStateException();
        return jpegSizeRef.getValue().longValue();
    }

    /** tjDecompress2 from the native JPEG into native pixels, through JNA. */
    @Benchmark
    public int decompressNative() {
        return lib.tjDecompress2(decompressor, jpegBuf, jpegSize, decoded, WIDTH, WIDTH * 3, HEIGHT, TurboJpeg.TJPF_BGR,
                TurboJpeg.TJFLAG_STOPONWARNING);
    }

    /** The encoder's extra step: the picture's bytes into native memory. */
    @Benchmark
    public Memory copyPictureIn() {
        pixels.write(0, bgr, 0, BYTES);
        return pixels;
    }

    /** Half of that step: only the new picture, which Java allocates and zeroes (ImageIO's decoder pays it too). */
    @Benchmark
    public BufferedImage newPicture() {
        return new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
    }

    /** The decoder's extra step: a new TYPE_3BYTE_BGR picture and the decoded bytes copied into it. */
    @Benchmark
    public BufferedImage newPictureAndCopyOut() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_3BYTE_BGR);
        decoded.read(0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, BYTES);
        return image;
    }
}
