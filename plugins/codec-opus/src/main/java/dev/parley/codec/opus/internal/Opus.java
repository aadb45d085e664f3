package dev.parley.codec.opus.internal;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.List;

/** The part of libopus's C API (opus.h) this codec calls, mapped through JNA. States are opaque pointers. */
public interface Opus extends Library {
    /** The library's name for {@code Native.load}: libopus.so.0 from Debian's libopus0. */
    String NAME = "opus";
    /** Every function below, checked when the library is probed. */
    List<String> FUNCTIONS = List.of("opus_encoder_create", "opus_encode", "opus_encoder_ctl", "opus_encoder_destroy",
            "opus_decoder_create", "opus_decode", "opus_decoder_destroy", "opus_strerror");

    int OPUS_OK = 0;
    /** Tuned for speech, as a conference is. */
    int OPUS_APPLICATION_VOIP = 2048;
    int OPUS_SET_BITRATE_REQUEST = 4002;
    /** Largest packet the encoder writes for one frame, as opus_encode's documentation recommends for max_data_bytes. */
    int MAX_PACKET_BYTES = 4000;

    Pointer opus_encoder_create(int sampleRate, int channels, int application, IntByReference error);

    int opus_encode(Pointer encoder, short[] pcm, int frameSize, byte[] data, int maxDataBytes);

    /** Variadic in C: JNA passes the arguments as a varargs call, as the ABI requires. */
    int opus_encoder_ctl(Pointer encoder, int request, Object... args);

    void opus_encoder_destroy(Pointer encoder);

    Pointer opus_decoder_create(int sampleRate, int channels, IntByReference error);

    int opus_decode(Pointer decoder, byte[] data, int length, short[] pcm, int frameSize, int decodeFec);

    void opus_decoder_destroy(Pointer decoder);

    String opus_strerror(int error);
}
