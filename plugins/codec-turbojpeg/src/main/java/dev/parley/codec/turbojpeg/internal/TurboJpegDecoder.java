package dev.parley.codec.turbojpeg.internal;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.parley.api.MediaKind;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.RawFrame;
import dev.parley.api.codec.VideoImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * JPEG decoder on libturbojpeg, for every stream whose codec name is {@code jpeg} (whichever encoder made it).
 * Pictures come out as TYPE_3BYTE_BGR, decoded straight in that layout. Anything that is not one complete JPEG
 * picture is a {@link CodecException}: the header is checked against the pixel limit before anything is allocated,
 * and warnings (a truncated stream, for one) stop decoding instead of yielding a half-grey picture.
 */
public final class TurboJpegDecoder implements FrameDecoder {
    private final TurboJpeg lib;
    private final Supplier<TurboJpegSettings> settings;

    public TurboJpegDecoder(TurboJpeg lib, Supplier<TurboJpegSettings> settings) {
        this.lib = lib;
        this.settings = settings;
    }

    @Override
    public String codec() {
        return TurboJpegEncoder.CODEC;
    }

    @Override
    public MediaKind kind() {
        return MediaKind.VIDEO;
    }

    @Override
    public DecoderSession open(String codecId) throws CodecException {
        if (codecId == null || !TurboJpegEncoder.CODEC.equals(FrameDecoder.codecName(codecId))) {
            throw new CodecException("not a jpeg stream: " + codecId);
        }
        Pointer handle = lib.tjInitDecompress();
        if (handle == null) throw new CodecException("tjInitDecompress failed: " + lib.tjGetErrorStr2(null));
        return new Session(lib, handle, settings);
    }

    /** One stream's decompressor with its reused native input and output buffers. */
    static final class Session implements DecoderSession {
        private final TurboJpeg lib;
        private final Supplier<TurboJpegSettings> settings;
        private final IntByReference width = new IntByReference();
        private final IntByReference height = new IntByReference();
        private final IntByReference subsamp = new IntByReference();
        private final IntByReference colorspace = new IntByReference();
        private Pointer handle;
        private Memory input;
        private Memory output;

        Session(TurboJpeg lib, Pointer handle, Supplier<TurboJpegSettings> settings) {
            this.lib = lib;
            this.handle = handle;
            this.settings = settings;
        }

        @Override
        public synchronized RawFrame decode(ByteBuffer payload) throws CodecException {
            if (handle == null) throw new CodecException("decoder session is closed");
            if (payload == null || !payload.hasRemaining()) throw new CodecException("empty jpeg payload");
            int length = payload.remaining();
            input = ensure(input, length);
            input.getByteBuffer(0, length).put(payload.duplicate());
            NativeLong size = new NativeLong(length);
            if (lib.tjDecompressHeader3(handle, input, size, width, height, subsamp, colorspace) != 0) {
                throw failure("corrupt jpeg header: ");
            }
            int w = width.getValue();
            int h = height.getValue();
            long maxPixels = settings.get().maxPixels();
            if (w <= 0 || h <= 0 || (long) w * h > maxPixels) {
                throw new CodecException("jpeg picture of " + w + "x" + h + " exceeds the limit of " + maxPixels + " pixels");
            }
            int pitch = w * 3;
            output = ensure(output, (long) pitch * h);
            if (lib.tjDecompress2(handle, input, size, output, w, pitch, h, TurboJpeg.TJPF_BGR,
                    TurboJpeg.TJFLAG_STOPONWARNING) != 0) {
                throw failure("corrupt jpeg: ");
            }
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            output.read(0, pixels, 0, pitch * h);
            return new VideoImage(image);
        }

        /**
         * The library's error as an exception, after replacing the handle: libturbojpeg 2.1 leaves a decompressor
         * that failed mid-header in a state that makes it reject the next, good, picture.
         */
        private CodecException failure(String what) {
            CodecException e = new CodecException(what + lib.tjGetErrorStr2(handle));
            lib.tjDestroy(handle);
            handle = lib.tjInitDecompress();
            return e;
        }

        private static Memory ensure(Memory m, long bytes) {
            if (m != null && m.size() >= bytes) return m;
            if (m != null) m.close();
            return new Memory(bytes + bytes / 4); // headroom: compressed frame sizes vary a little from frame to frame
        }

        @Override
        public synchronized void close() {
            if (handle != null) lib.tjDestroy(handle);
            handle = null;
            if (input != null) input.close();
            if (output != null) output.close();
            input = null;
            output = null;
        }
    }
}
