package dev.parley.benchmarks.codecs;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.VideoImage;
import dev.parley.codec.jpeg.internal.JpegDecoder;
import dev.parley.codec.jpeg.internal.JpegEncoder;
import dev.parley.codec.turbojpeg.internal.TurboJpeg;
import dev.parley.codec.turbojpeg.internal.TurboJpegDecoder;
import dev.parley.codec.turbojpeg.internal.TurboJpegEncoder;
import dev.parley.codec.turbojpeg.internal.TurboJpegSettings;
import java.awt.image.DataBufferByte;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JPEG codecs' cost per frame in CPU time of the calling thread, for a machine shared with other work: wall-clock
 * figures (JMH's) swing by a factor of two there while CPU time barely moves, since time spent waiting for a core
 * is not counted. Prints microseconds per frame, the median of many batches, for ImageIO, the TurboJPEG codec, and
 * the bare libturbojpeg calls through JNA on native buffers (tjbench's loop).
 *
 * <p>{@code java -cp benchmarks.jar dev.parley.benchmarks.codecs.CpuTimePerFrame 640 480 [seconds per case]}
 */
public final class CpuTimePerFrame {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private interface Op {
        void run() throws CodecException;
    }

    public static void main(String[] args) throws Exception {
        int width = Integer.parseInt(args[0]);
        int height = Integer.parseInt(args[1]);
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        VideoImage picture = new VideoImage(TestImage.pattern(width, height));
        MediaFormat format = MediaFormat.video(width, height, 15);
        TurboJpeg lib = Native.load(TurboJpeg.NAME, TurboJpeg.class);

        FrameEncoder.EncoderSession imageIoEnc = new JpegEncoder(0.8f).open(format);
        FrameDecoder.DecoderSession imageIoDec = new JpegDecoder(JpegDecoder.DEFAULT_MAX_PIXELS).open("jpeg");
        FrameEncoder.EncoderSession turboEnc = new TurboJpegEncoder(lib, () -> TurboJpegSettings.DEFAULTS).open(format);
        FrameDecoder.DecoderSession turboDec = new TurboJpegDecoder(lib, () -> TurboJpegSettings.DEFAULTS).open("jpeg");
        byte[] jpeg = turboEnc.encode(picture).data();

        // The bare library calls, as tjbench makes them: native pixels in, preallocated native output.
        int bytes = width * height * 3;
        Memory pixels = new Memory(bytes);
        pixels.write(0, ((DataBufferByte) picture.image().getRaster().getDataBuffer()).getData(), 0, bytes);
        Memory decoded = new Memory(bytes);
        Pointer compressor = lib.tjInitCompress();
        Pointer decompressor = lib.tjInitDecompress();
        long capacity = lib.tjBufSize(width, height, TurboJpeg.TJSAMP_420).longValue();
        Pointer jpegBuf = lib.tjAlloc((int) capacity);
        PointerByReference bufRef = new PointerByReference();
        NativeLongByReference sizeRef = new NativeLongByReference();
        Memory jpegNative = new Memory(jpeg.length);
        jpegNative.write(0, jpeg, 0, jpeg.length);
        NativeLong jpegSize = new NativeLong(jpeg.length);

        Map<String, Op> cases = new LinkedHashMap<>();
        cases.put("libturbojpeg compress (JNA, native buffers)", () -> {
            bufRef.setValue(jpegBuf);
            sizeRef.setValue(new NativeLong(capacity));
            lib.tjCompress2(compressor, pixels, width, width * 3, height, TurboJpeg.TJPF_BGR, bufRef, sizeRef,
                    TurboJpeg.TJSAMP_420, 80, TurboJpeg.TJFLAG_NOREALLOC);
        });
        cases.put("TurboJPEG codec encode", () -> turboEnc.encode(picture));
        cases.put("ImageIO codec encode", () -> imageIoEnc.encode(picture));
        cases.put("libturbojpeg decompress (JNA, native buffers)", () ->
                lib.tjDecompress2(decompressor, jpegNative, jpegSize, decoded, width, width * 3, height,
                        TurboJpeg.TJPF_BGR, 0));
        cases.put("libturbojpeg decompress, fast upsampling", () ->
                lib.tjDecompress2(decompressor, jpegNative, jpegSize, decoded, width, width * 3, height,
                        TurboJpeg.TJPF_BGR, TurboJpeg.TJFLAG_FASTUPSAMPLE));
        cases.put("libturbojpeg decompress, fast upsampling and DCT", () ->
                lib.tjDecompress2(decompressor, jpegNative, jpegSize, decoded, width, width * 3, height,
                        TurboJpeg.TJPF_BGR, TurboJpeg.TJFLAG_FASTUPSAMPLE | TurboJpeg.TJFLAG_FASTDCT));
        cases.put("TurboJPEG codec decode", () -> turboDec.decode(ByteBuffer.wrap(jpeg)));
        cases.put("ImageIO codec decode", () -> imageIoDec.decode(ByteBuffer.wrap(jpeg)));

        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (int round = 0; round < 3; round++) {
            for (Map.Entry<String, Op> c : cases.entrySet()) {
                results.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).addAll(measure(c.getValue(), seconds / 3));
            }
        }
        System.out.printf("%dx%d, quality 80, 4:2:0, %d-byte JPEG: CPU microseconds per frame (median of batches)%n",
                width, height, jpeg.length);
        for (Map.Entry<String, List<Double>> r : results.entrySet()) {
            System.out.printf("  %-48s %8.1f%n", r.getKey(), median(r.getValue()));
        }
    }

    /** Batches of frames for about {@code seconds} of wall time after a short warm-up; CPU microseconds per frame. */
    private static List<Double> measure(Op op, double seconds) throws CodecException {
        long warmUntil = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < warmUntil) op.run();
        List<Double> batches = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            int n = 20;
            long cpu = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) op.run();
            batches.add((THREADS.getCurrentThreadCpuTime() - cpu) / 1000.0 / n);
        }
        return batches;
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
