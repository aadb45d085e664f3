package dev.parley.capture.audio.internal;

import dev.parley.capture.common.PacedCapture;

import dev.parley.api.MediaKind;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.RawFrame;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A WAV file played as if it were the microphone: mono 16-bit frames at the call's rate (default 20 ms at 16 kHz),
 * paced in real time on a daemon thread named {@code parley-audio-file-<name>}. Each capture reads the file from
 * its beginning. Registered by {@link AudioFileComponent} when {@value AudioFileComponent#PID} names a file.
 */
final class WavFileSource implements MediaSource {
    static final String ID_PREFIX = "file:";

    private final Path file;
    private final boolean loop;

    WavFileSource(Path file, boolean loop) {
        this.file = file;
        this.loop = loop;
    }

    @Override
    public String id() {
        return ID_PREFIX + (file.getFileName() == null ? file : file.getFileName());
    }

    @Override
    public MediaKind kind() {
        return MediaKind.AUDIO;
    }

    @Override
    public String description() {
        return "WAV file " + file + (loop ? ", looping" : ", once, then silence");
    }

    @Override
    public Capture open(CaptureSpec spec, Consumer<RawFrame> sink) throws CaptureException {
        AudioFrames frames = AudioFrames.of(spec == null ? null : spec.format());
        String name = spec == null || spec.participantName() == null ? "" : spec.participantName();
        WavPlayer player = new WavPlayer(file, frames, loop);
        PacedCapture capture = new PacedCapture(PacedCapture.newExecutor("parley-audio-file-" + name, null), player::close);
        return capture.start(frames.frameNanos(), player::nextFrame, sink);
    }
}
