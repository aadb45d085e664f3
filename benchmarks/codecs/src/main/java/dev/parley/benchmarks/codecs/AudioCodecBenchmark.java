package dev.parley.benchmarks.codecs;

import com.sun.jna.Native;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.EncodedFrame;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import dev.parley.codec.opus.internal.Opus;
import dev.parley.codec.opus.internal.OpusDecoder;
import dev.parley.codec.opus.internal.OpusEncoder;
import dev.parley.codec.opus.internal.OpusSettings;
import dev.parley.codec.pcm.internal.PcmDecoder;
import dev.parley.codec.pcm.internal.PcmEncoder;
import java.nio.ByteBuffer;
import java.util.Random;
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

/** One 20 ms mono audio frame (a tone with a little noise, like speech in loudness) through PCM and through Opus. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AudioCodecBenchmark {
    @Param({"16000", "48000"})
    public int rate;

    @Param({"pcm", "opus"})
    public String codec;

    private AudioSamples frame;
    private byte[] packet;
    private FrameEncoder.EncoderSession encoder;
    private FrameDecoder.DecoderSession decoder;

    @Setup(Level.Trial)
    public void setUp() throws CodecException {
        short[] samples = new short[rate / 50];
        Random random = new Random(1);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (6000 * Math.sin(2 * Math.PI * 440 * i / rate) + random.nextGaussian() * 500);
        }
        frame = new AudioSamples(samples, rate, 1);
        MediaFormat format = MediaFormat.audio(rate, 1, 20);
        FrameEncoder enc;
        FrameDecoder dec;
        if (codec.equals("pcm")) {
            enc = new PcmEncoder();
            dec = new PcmDecoder();
        } else {
            Opus lib = Native.load(Opus.NAME, Opus.class);
            enc = new OpusEncoder(lib, () -> OpusSettings.DEFAULTS);
            dec = new OpusDecoder(lib);
        }
        encoder = enc.open(format);
        EncodedFrame first = encoder.encode(frame);
        packet = first.data();
        decoder = dec.open(first.codecId());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encoder.close();
        decoder.close();
    }

    @Benchmark
    public EncodedFrame encode() throws CodecException {
        return encoder.encode(frame);
    }

    @Benchmark
    public RawFrame decode() throws CodecException {
        return decoder.decode(ByteBuffer.wrap(packet));
    }
}
