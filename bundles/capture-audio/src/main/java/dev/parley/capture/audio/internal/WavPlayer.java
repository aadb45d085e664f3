package dev.parley.capture.audio.internal;

import dev.parley.api.capture.CaptureException;
import dev.parley.api.codec.AudioSamples;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts a WAV file into the call's frames: mono, at the call's rate. A frame that reaches the end of the file is
 * completed from its beginning again when looping, so the loop is seamless; otherwise with silence, and every
 * frame after it is silent. Reading fails only once: the failure is logged and silence follows, since a source
 * that stopped sending frames would look like a dead microphone. Frames are asked for on one thread at a time.
 */
final class WavPlayer {
    private static final Logger LOG = LoggerFactory.getLogger(WavPlayer.class);

    private final Path file;
    private final AudioFrames frames;
    private final boolean loop;
    private WavReader reader;
    private Resampler resampler;
    private boolean silent;
    private volatile boolean closed;

    /** Opens the file at its beginning; fails as {@link WavReader#open} does. */
    WavPlayer(Path file, AudioFrames frames, boolean loop) throws CaptureException {
        this.file = file;
        this.frames = frames;
        this.loop = loop;
        this.reader = WavReader.open(file);
        this.resampler = new Resampler(reader, frames.sampleRate());
    }

    /** The next frame: a new array each call, since consumers keep them. */
    AudioSamples nextFrame() {
        short[] samples = new short[frames.samplesPerFrame()];
        int filled = 0;
        boolean reopened = false;
        while (filled < samples.length && !silent) {
            int read;
            try {
                read = resampler.read(samples, filled, samples.length - filled);
            } catch (IOException e) {
                if (!closed) {
                    stop("audio file " + file + ": cannot be read: " + e.getMessage());
                }
                break;
            }
            filled += read;
            if (filled < samples.length) {
                if (read == 0 && reopened) {
                    // A pass that gives nothing would spin here forever: the file was emptied since it was opened.
                    stop("audio file " + file + ": holds no samples any more");
                    break;
                }
                reopened = endOfPass();
            }
        }
        return new AudioSamples(samples, frames.sampleRate(), 1);
    }

    /** Starts the next pass when looping, else falls silent; true when a new pass started. */
    private boolean endOfPass() {
        closeReader();
        if (!loop) {
            silent = true;
            LOG.info("audio file {} ended; sending silence (loop=true in parley.capture.audio.file repeats it)", file);
            return false;
        }
        try {
            reader = WavReader.open(file);
        } catch (CaptureException e) {
            stop(e.getMessage());
            return false;
        }
        resampler = new Resampler(reader, frames.sampleRate());
        return true;
    }

    private void stop(String why) {
        silent = true;
        closeReader();
        LOG.warn("{}; sending silence", why);
    }

    void close() {
        closed = true;
        closeReader();
    }

    private void closeReader() {
        WavReader open = reader;
        reader = null;
        if (open == null) {
            return;
        }
        try {
            open.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", file, e);
        }
    }
}
