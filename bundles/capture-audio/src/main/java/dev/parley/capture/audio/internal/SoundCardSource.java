package dev.parley.capture.audio.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.RawFrame;
import java.util.function.Consumer;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sound card's microphone input. The line is opened with a small buffer of a few frames, so audio is never more
 * than that old when it leaves; the blocking read paces the capture thread ({@code parley-soundcard-<name>}).
 * Registered by {@link SoundCardDiscovery} only when the machine has a capture line.
 */
final class SoundCardSource implements MediaSource {
    static final String ID = "soundcard";
    private static final Logger LOG = LoggerFactory.getLogger(SoundCardSource.class);

    private final int bufferFrames;

    SoundCardSource(int bufferFrames) {
        this.bufferFrames = bufferFrames;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public MediaKind kind() {
        return MediaKind.AUDIO;
    }

    @Override
    public String description() {
        return "Sound card input (microphone)";
    }

    @Override
    public Capture open(CaptureSpec spec, Consumer<RawFrame> sink) throws CaptureException {
        AudioFrames frames = AudioFrames.of(spec == null ? null : spec.format());
        TargetDataLine line;
        try {
            line = AudioSystem.getTargetDataLine(frames.soundFormat());
            line.open(frames.soundFormat(), bufferFrames * frames.bytesPerFrame());
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new CaptureException("cannot open the sound card input: " + e.getMessage(), e);
        }
        line.start();
        String name = spec == null || spec.participantName() == null ? "" : spec.participantName();
        LineReader reader = new LineReader(line, frames, sink);
        Thread thread = new Thread(reader, "parley-soundcard-" + name);
        thread.setDaemon(true);
        thread.start();
        return () -> reader.stop(thread);
    }

    /** Reads one frame at a time until stopped; closing the line ends a blocked read. */
    private static final class LineReader implements Runnable {
        private final TargetDataLine line;
        private final AudioFrames frames;
        private final Consumer<RawFrame> sink;
        private volatile boolean running = true;

        LineReader(TargetDataLine line, AudioFrames frames, Consumer<RawFrame> sink) {
            this.line = line;
            this.frames = frames;
            this.sink = sink;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[frames.bytesPerFrame()];
            while (running) {
                int read = line.read(buffer, 0, buffer.length);
                if (!running || read < buffer.length) {
                    continue; // stopping, or a partial read while the line closes
                }
                try {
                    sink.accept(new AudioSamples(AudioFrames.toSamples(buffer, read), frames.sampleRate(), 1));
                } catch (RuntimeException e) {
                    LOG.warn("audio frame consumer failed", e);
                }
            }
        }

        void stop(Thread thread) {
            if (!running) {
                return;
            }
            running = false;
            line.stop();
            line.flush();
            line.close();
            if (thread != Thread.currentThread()) {
                try {
                    thread.join(2000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
