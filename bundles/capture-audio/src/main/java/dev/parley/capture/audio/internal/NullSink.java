package dev.parley.capture.audio.internal;

import dev.parley.api.capture.AudioSink;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.codec.MediaFormat;
import org.osgi.service.component.annotations.Component;

/**
 * An audio sink for machines without a sound card: plays into nothing, paced in real time (see
 * {@link NullPlayback} for the rule), so that receivers behave as they would with a speaker.
 */
@Component(
        service = AudioSink.class,
        property = {
                AudioSink.PROP_SINK + "=" + NullSink.ID,
                "service.ranking:Integer=0"
        })
public final class NullSink implements AudioSink {
    public static final String ID = "null";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "No speaker: audio is paced in real time and discarded";
    }

    @Override
    public Playback open(MediaFormat format) throws CaptureException {
        AudioFrames.of(format); // same checks as a sound card, so a bad format shows up here too
        return new NullPlayback(PlayoutClock.SYSTEM, NullPlayback.DEFAULT_MAX_LEAD_NANOS, NullPlayback.DEFAULT_MAX_LAG_NANOS);
    }
}
