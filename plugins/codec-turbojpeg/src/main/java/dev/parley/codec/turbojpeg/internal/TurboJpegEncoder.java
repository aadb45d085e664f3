package dev.parley.codec.turbojpeg.internal;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.parley.api.MediaKind;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.EncodedFrame;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import dev.parley.api.codec.VideoImage;
import java.util.function.Supplier;

/**
 * JPEG encoder on libturbojpeg. Frames are ordinary baseline JPEG (any JPEG decoder reads them); their codec id
 * {@value #CODEC_ID} only says which encoder made them. Each session keeps one compressor handle, one native pixel
 * buffer and one native output buffer for its whole life, and frees them on {@link EncoderSession#close()}.
 */
public final class TurboJpegEncoder implements FrameEncoder {
    public static final String CODEC = "jpeg";
    public static final String CODEC_ID = "jpeg;enc=turbo";

    private final TurboJpeg lib;
    private final Supplier<TurboJpegSettings> settings;

    public TurboJpegEncoder(TurboJpeg lib, Supplier<TurboJpegSettings> settings) {
        this.lib = lib;
        this.settings = settings;
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
        Pointer handle = lib.tjInitCompress();
        if (handle == null) throw new CodecException("tjInitCompress failed: " + lib.tjGetErrorStr2(null));
        return new Session(lib, handle, settings);
    }

    /** One stream's compressor. Synchronized so that a close from another thread never frees memory mid-frame. */
    static final class Session implements EncoderSession {
        private final TurboJpeg lib;
        private final Supplier<TurboJpegSettings> settings;
        private final PixelStage pixels = new PixelStage();
        private final PointerByReference jpegBufRef = new PointerByReference();
        private final NativeLongByReference jpegSizeRef = new NativeLongByReference();
        private Pointer handle;
        private Pointer jpegBuf;
        private long jpegCapacity;

        Session(TurboJpeg lib, Pointer handle, Supplier<TurboJpegSettings> settings) {
            this.lib = lib;
            this.handle = handle;
            this.settings = settings;
        }

        @Override
        public synchronized EncodedFrame encode(RawFrame frame) throws CodecException {
            if (handle == null) throw new CodecException("encoder session is closed");
            if (!(frame instanceof VideoImage video)) throw new CodecException("jpeg encodes video images, not " + frame);
            TurboJpegSettings s = settings.get();
            PixelStage.Staged staged = pixels.stage(video.image());
            ensureOutput(staged.width(), staged.height(), s.subsamp());
            jpegBufRef.setValue(jpegBuf);
            jpegSizeRef.setValue(new NativeLong(jpegCapacity));
            // NOREALLOC: the output buffer is big enough for the worst case, so the library never swaps it for another.
            int rc = lib.tjCompress2(handle, staged.pixels(), staged.width(), staged.pitch(), staged.height(),
                    staged.pixelFormat(), jpegBufRef, jpegSizeRef, s.subsamp(), s.quality(), TurboJpeg.TJFLAG_NOREALLOC);
            if (rc != 0) throw new CodecException("tjCompress2 failed: " + lib.tjGetErrorStr2(handle));
            long size = jpegSizeRef.getValue().longValue();
            if (size <= 0 || size > jpegCapacity) throw new CodecException("tjCompress2 returned " + size + " bytes");
            return new EncodedFrame(CODEC_ID, jpegBuf.getByteArray(0, (int) size), true);
        }

        private void ensureOutput(int width, int height, int subsamp) throws CodecException {
            long needed = lib.tjBufSize(width, height, subsamp).longValue();
            if (needed <= 0 || needed > Integer.MAX_VALUE) throw new CodecException("no jpeg buffer for " + width + "x" + height);
            if (jpegBuf != null && jpegCapacity >= needed) return;
            freeOutput();
            jpegBuf = lib.tjAlloc((int) needed);
            if (jpegBuf == null) throw new CodecException("tjAlloc of " + needed + " bytes failed");
            jpegCapacity = needed;
        }

        private void freeOutput() {
            if (jpegBuf != null) lib.tjFree(jpegBuf);
            jpegBuf = null;
            jpegCapacity = 0;
        }

        @Override
        public synchronized void close() {
            if (handle == null) return;
            lib.tjDestroy(handle);
            handle = null;
            freeOutput();
            pixels.close();
        }
    }
}
