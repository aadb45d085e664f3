package dev.parley.capture.audio.internal;

import dev.parley.api.capture.AudioSink;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.MediaFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;

/**
 * The sound card's output. The line buffer holds only a few frames, so a write blocks for at most about one frame
 * and audio never queues up behind it. Frames in another format than the line's are skipped and counted.
 * Registered by {@link SoundCardDiscovery} only when the machine has a playback line.
 */
final class SoundCardSink implements AudioSink {
    static final String ID = "soundcard";

    private final int bufferFrames;

    SoundCardSink(int bufferFrames) {
        this.bufferFrames = bufferFrames;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Sound card output (speaker)";
    }

    @Override
    public Playback open(MediaFormat format) throws CaptureException {
        AudioFrames frames = AudioFrames.of(format);
        SourceDataLine line;
        try {
            line = AudioSystem.getSourceDataLine(frames.soundFormat());
            line.open(frames.soundFormat(), bufferFrames * frames.bytesPerFrame());
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new CaptureException("cannot open the sound card output: " + e.getMessage(), e);
        }
        line.start();
        return new LinePlayback(line, frames.sampleRate());
    }

    private static final class LinePlayback implements Playback {
        private final SourceDataLine line;
        private final int sampleRate;
        private volatile long skipped;
        private volatile boolean closed;

        LinePlayback(SourceDataLine line, int sampleRate) {
            this.line = line;
            this.sampleRate = sampleRate;
        }

        @Override
        public void play(AudioSamples samples) {
            if (closed) {
                return;
            }
            if (samples.sampleRate() != sampleRate || samples.channels() != 1) {
                skipped++;
                return;
            }
            byte[] bytes = AudioFrames.toBytes(samples.samples());
            line.write(bytes, 0, bytes.length);
        }

        @Override
        public long skipped() {
            return skipped;
        }

        @Override
        public void close() {
            closed = true;
            line.stop();
            line.flush();
            line.close();
        }
    }
}
