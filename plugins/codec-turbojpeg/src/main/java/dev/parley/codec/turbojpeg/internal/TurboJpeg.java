package dev.parley.codec.turbojpeg.internal;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.util.List;

/**
 * The part of libturbojpeg's C API (turbojpeg.h) this codec calls, mapped through JNA. Only the original API is used
 * (tjInitCompress, tjCompress2, tjDecompressHeader3, tjDecompress2): Debian 12's libjpeg-turbo 2.1 has no tj3 functions.
 * {@code unsigned long} is a {@link NativeLong}; handles are opaque pointers.
 */
public interface TurboJpeg extends Library {
    /** The library's name for {@code Native.load}: libturbojpeg.so.0 from Debian's libturbojpeg0. */
    String NAME = "turbojpeg";
    /** Every function below, checked when the library is probed so a too-old library is refused at once. */
    List<String> FUNCTIONS = List.of("tjInitCompress", "tjInitDecompress", "tjDestroy", "tjBufSize", "tjAlloc", "tjFree",
            "tjCompress2", "tjDecompressHeader3", "tjDecompress2", "tjGetErrorStr2");

    /** Pixel formats (enum TJPF). */
    int TJPF_RGB = 0;
    int TJPF_BGR = 1;
    int TJPF_RGBX = 2;
    int TJPF_BGRX = 3;
    int TJPF_XBGR = 4;
    int TJPF_XRGB = 5;

    /** Chroma subsampling (enum TJSAMP). */
    int TJSAMP_444 = 0;
    int TJSAMP_422 = 1;
    int TJSAMP_420 = 2;
    int TJSAMP_GRAY = 3;

    /** Flags. */
    int TJFLAG_FASTUPSAMPLE = 256;
    int TJFLAG_NOREALLOC = 1024;
    int TJFLAG_FASTDCT = 2048;
    int TJFLAG_STOPONWARNING = 8192;

    Pointer tjInitCompress();

    Pointer tjInitDecompress();

    int tjDestroy(Pointer handle);

    NativeLong tjBufSize(int width, int height, int jpegSubsamp);

    Pointer tjAlloc(int bytes);

    void tjFree(Pointer buffer);

    int tjCompress2(Pointer handle, Pointer srcBuf, int width, int pitch, int height, int pixelFormat,
                    PointerByReference jpegBuf, NativeLongByReference jpegSize, int jpegSubsamp, int jpegQual, int flags);

    int tjDecompressHeader3(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, IntByReference width,
                            IntByReference height, IntByReference jpegSubsamp, IntByReference jpegColorspace);

    int tjDecompress2(Pointer handle, Pointer jpegBuf, NativeLong jpegSize, Pointer dstBuf, int width, int pitch,
                      int height, int pixelFormat, int flags);

    String tjGetErrorStr2(Pointer handle);
}
