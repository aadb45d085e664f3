package dev.parley.capture.audio.internal;

import dev.parley.api.capture.CaptureException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * One pass through a PCM WAV file, as mono 16-bit samples at the file's own rate, read a block at a time so that a
 * long recording never sits in memory whole. javax.sound parses the header (plain and extensible WAV alike); the
 * samples are converted here, so the conversion is known exactly: 16-bit mono passes through unchanged, 8-bit is
 * shifted up, 24-bit keeps its top 16 bits, and stereo is the mean of both channels rounded down.
 */
final class WavReader implements Closeable {
    private static final int BLOCK_FRAMES = 4096;

    private final AudioInputStream in;
    private final int channels;
    private final int bytesPerSample;
    private final boolean signed;
    private final boolean bigEndian;
    private final byte[] block;

    private WavReader(AudioInputStream in) {
        AudioFormat format = in.getFormat();
        this.in = in;
        this.channels = format.getChannels();
        this.bytesPerSample = format.getSampleSizeInBits() / 8;
        this.signed = AudioFormat.Encoding.PCM_SIGNED.equals(format.getEncoding());
        this.bigEndian = format.isBigEndian();
        this.block = new byte[BLOCK_FRAMES * format.getFrameSize()];
    }

    /**
     * Opens the file at its first sample.
     *
     * @throws CaptureException naming the file and what is wrong with it, when it is missing or not a PCM WAV file
     *                          this reader handles
     */
    static WavReader open(Path file) throws CaptureException {
        if (!Files.exists(file)) {
            throw problem(file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw problem(file, "is a folder; give the path of a WAV file");
        }
        if (!Files.isReadable(file)) {
            throw problem(file, "cannot be read (check its permissions)");
        }
        AudioInputStream in = null;
        try {
            AudioFileFormat type = AudioSystem.getAudioFileFormat(file.toFile());
            if (type.getType() != AudioFileFormat.Type.WAVE) {
                throw problem(file, "is " + type.getType() + ", not WAV; convert it to PCM WAV");
            }
            check(file, type.getFormat());
            if (type.getFrameLength() == 0) {
                throw problem(file, "holds no samples");
            }
            in = AudioSystem.getAudioInputStream(file.toFile());
            return new WavReader(in);
        } catch (UnsupportedAudioFileException e) {
            throw problem(file, "is not a WAV file javax.sound can read; convert it to PCM WAV");
        } catch (IOException e) {
            throw new CaptureException("audio file " + file + ": cannot be read: " + e.getMessage(), e);
        } catch (CaptureException | RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /** The formats {@link #read} converts: integer PCM of 8, 16 or 24 bits, one or two channels. */
    private static void check(Path file, AudioFormat format) throws CaptureException {
        AudioFormat.Encoding encoding = format.getEncoding();
        int bits = format.getSampleSizeInBits();
        if (!AudioFormat.Encoding.PCM_SIGNED.equals(encoding) && !AudioFormat.Encoding.PCM_UNSIGNED.equals(encoding)) {
            throw problem(file, "holds " + encoding + " samples; only integer PCM is supported "
                    + "(convert it, for example: sox IN -b 16 -e signed-integer OUT.wav)");
        }
        if (bits != 8 && bits != 16 && bits != 24) {
            throw problem(file, "has " + bits + "-bit samples; only 8, 16 and 24-bit are supported "
                    + "(convert it, for example: sox IN -b 16 OUT.wav)");
        }
        if (format.getChannels() != 1 && format.getChannels() != 2) {
            throw problem(file, "has " + format.getChannels() + " channels; only mono and stereo are supported "
                    + "(mix it down, for example: sox IN OUT.wav remix -)");
        }
        if (format.getSampleRate() < 1 || format.getSampleRate() != Math.rint(format.getSampleRate())) {
            throw problem(file, "has a sample rate of " + format.getSampleRate() + " Hz; it must be a whole number of Hz");
        }
    }

    private static CaptureException problem(Path file, String what) {
        return new CaptureException("audio file " + file + ": " + what);
    }

    int sampleRate() {
        return (int) in.getFormat().getSampleRate();
    }

    /** The file's format, for people: rate, channels, sample size and length. */
    String describe() {
        AudioFormat format = in.getFormat();
        String length = in.getFrameLength() == AudioSystem.NOT_SPECIFIED ? ""
                : String.format(", %.1f s", in.getFrameLength() / (double) format.getSampleRate());
        return sampleRate() + " Hz " + (channels == 1 ? "mono" : "stereo") + " " + format.getSampleSizeInBits() + "-bit" + length;
    }

    /**
     * Reads up to {@code length} mono samples.
     *
     * @return how many were read, or -1 at the end of the file
     */
    int read(short[] samples, int offset, int length) throws IOException {
        int frameSize = channels * bytesPerSample;
        int wanted = Math.min(length, block.length / frameSize) * frameSize;
        // AudioInputStream reads whole frames only; it keeps a partial one back for the next read.
        int bytes = in.read(block, 0, wanted);
        if (bytes <= 0) {
            return -1;
        }
        int frames = bytes / frameSize;
        for (int i = 0; i < frames; i++) {
            int at = i * frameSize;
            int sample = sample(at);
            if (channels == 2) {
                sample = (sample + sample(at + bytesPerSample)) >> 1;
            }
            samples[offset + i] = (short) sample;
        }
        return frames;
    }

    /**
     * One sample of one channel, on the 16-bit scale: its two most significant bytes (an 8-bit sample's one byte
     * above a zero), read as a signed number or, for unsigned PCM, moved down by half the range.
     */
    private int sample(int at) {
        int high;
        int low;
        if (bytesPerSample == 1) {
            high = block[at];
            low = 0;
        } else if (bigEndian) {
            high = block[at];
            low = block[at + 1];
        } else {
            high = block[at + bytesPerSample - 1];
            low = block[at + bytesPerSample - 2];
        }
        int top = ((high & 0xFF) << 8) | (low & 0xFF);
        return signed ? (short) top : top - 32768;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // opening failed already; that is the error worth reporting
        }
    }
}
