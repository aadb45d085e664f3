package dev.parley.capture.audio.internal;

import dev.parley.api.capture.AudioSink;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.codec.AudioSamples;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays audio into a 16-bit PCM WAV file, paced in real time by a {@link NullPlayback} so that the call behaves as
 * with a sound card. What the pacing skips (frames far behind real time) is not written either: the file holds what
 * a listener would have heard. Frames in another format than the playback's are skipped and counted.
 *
 * <p>Samples are written about once a second, and each time the header's sizes are brought up to date, so a
 * process that is killed leaves a file that plays up to its last second; closing writes the rest. A WAV file holds
 * at most 4 GiB of samples: beyond that nothing more is written, and the log says so once, as it does for a write
 * that fails (a full disk). The pacing goes on either way. One thread plays at a time; any thread may close.
 */
final class RecordingPlayback implements AudioSink.Playback {
    static final int HEADER_BYTES = 44;
    /** The largest data chunk whose RIFF size (data + 36) still fits the header's unsigned 32 bits. */
    static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - 36;
    private static final Logger LOG = LoggerFactory.getLogger(RecordingPlayback.class);

    private final Path file;
    private final FileChannel channel;
    private final NullPlayback pacing;
    private final int sampleRate;
    private final int channels;
    private final long maxDataBytes;
    private final ByteBuffer pending;
    private long written;
    private boolean stopped;
    private boolean closed;
    private volatile long mismatched;

    private RecordingPlayback(Path file, FileChannel channel, NullPlayback pacing, int sampleRate, int channels,
                              long maxDataBytes) {
        this.file = file;
        this.channel = channel;
        this.pacing = pacing;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.maxDataBytes = maxDataBytes;
        this.pending = ByteBuffer.allocate(sampleRate * channels * 2).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Creates or empties the file (and any missing folders above it) and writes a header for no samples yet.
     *
     * @param maxDataBytes {@link #MAX_DATA_BYTES}, smaller only in tests
     */
    static RecordingPlayback create(Path file, int sampleRate, int channels, PlayoutClock clock, long maxDataBytes)
            throws CaptureException {
        FileChannel channel = null;
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
            writeFully(channel, header(sampleRate, channels, 0), 0);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw new CaptureException("recording file " + file + ": cannot be written: " + e
                    + "; choose another path in parley.sink.record", e);
        }
        NullPlayback pacing = new NullPlayback(clock, NullPlayback.DEFAULT_MAX_LEAD_NANOS, NullPlayback.DEFAULT_MAX_LAG_NANOS);
        return new RecordingPlayback(file, channel, pacing, sampleRate, channels, maxDataBytes);
    }

    /** The canonical 44-byte header of 16-bit PCM, for {@code dataBytes} of samples. */
    static ByteBuffer header(int sampleRate, int channels, long dataBytes) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        header.put("WAVE".getBytes(StandardCharsets.US_ASCII));
        header.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
        header.putShort((short) 1); // PCM
        header.putShort((short) channels).putInt(sampleRate).putInt(sampleRate * channels * 2);
        header.putShort((short) (channels * 2)).putShort((short) 16);
        header.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        return header.flip();
    }

    @Override
    public void play(AudioSamples samples) {
        if (closed) {
            return;
        }
        if (samples.sampleRate() != sampleRate || samples.channels() != channels) {
            mismatched++;
            return;
        }
        long before = pacing.played();
        pacing.play(samples);
        if (pacing.played() != before) {
            record(samples.samples());
        }
    }

    private synchronized void record(short[] samples) {
        if (closed || stopped) {
            return;
        }
        if (written + pending.position() + samples.length * 2L > maxDataBytes) {
            flush();
            stop("reached the largest size a WAV file can have (4 GiB)");
            return;
        }
        if (pending.remaining() < samples.length * 2) {
            flush();
        }
        if (pending.remaining() < samples.length * 2) {
            write(ByteBuffer.wrap(AudioFrames.toBytes(samples)));
        } else {
            pending.asShortBuffer().put(samples);
            pending.position(pending.position() + samples.length * 2);
            if (!pending.hasRemaining()) {
                flush();
            }
        }
    }

    /** Writes what is pending and the header's sizes for everything written. */
    private void flush() {
        pending.flip();
        write(pending);
        pending.clear();
    }

    private void write(ByteBuffer samples) {
        if (stopped) {
            return;
        }
        try {
            int length = samples.remaining();
            writeFully(channel, samples, HEADER_BYTES + written);
            written += length;
            writeFully(channel, header(sampleRate, channels, written), 0);
        } catch (IOException e) {
            stop("cannot be written: " + e);
        }
    }

    private void stop(String why) {
        stopped = true;
        LOG.warn("recording file {}: {}; later audio is not recorded", file, why);
    }

    private static void writeFully(FileChannel channel, ByteBuffer bytes, long position) throws IOException {
        long at = position;
        while (bytes.hasRemaining()) {
            at += channel.write(bytes, at);
        }
    }

    /** Bytes of samples in the file so far, pending ones included. */
    synchronized long dataBytes() {
        return written + pending.position();
    }

    @Override
    public long skipped() {
        return pacing.skipped() + mismatched;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        pacing.close();
        flush();
        closeQuietly(channel);
        LOG.info("recorded {} s of audio to {}", String.format("%.1f", written / (2.0 * channels * sampleRate)), file);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a recording failed", e);
        }
    }
}
