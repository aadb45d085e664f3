package dev.parley.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import dev.parley.common.RankedList;

import dev.parley.api.MediaKind;
import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.RawFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LivePublicationTest {
    private final RankedList<MediaSource> sources = new RankedList<>();
    private final List<String> events = new ArrayList<>();
    private final FakeSource webcam = new FakeSource("webcam:0", false);
    private final FakeSource pattern = new FakeSource("test-pattern", false);
    private final LivePublication camera = new LivePublication(null, MediaKind.VIDEO,
            new CaptureSpec("alice", MediaFormat.video(320, 240, 15)), sources, new RankedList<FrameEncoder>(), p -> { });

    @Test
    void aPreferredSourceIsUsedWhilePresentAndTheBestRankedOneWhenTheChoiceIsCleared() {
        sources.add(webcam, Map.of("service.ranking", 100, "service.id", 1L));
        sources.add(pattern, Map.of("service.ranking", 0, "service.id", 2L));
        camera.reconsider();
        camera.preferSource("test-pattern");
        assertEquals("test-pattern", camera.source());
        assertEquals("test-pattern", camera.preferredSource());
        camera.preferSource("");
        assertEquals("webcam:0", camera.source());
        assertEquals(List.of("open webcam:0", "open test-pattern", "close webcam:0", "open webcam:0", "close test-pattern"), events);
    }

    @Test
    void whenThePreferredSourceGoesThePublicationFallsBackAndReturnsWhenItComesBack() {
        sources.add(webcam, Map.of("service.ranking", 100, "service.id", 1L));
        sources.add(pattern, Map.of("service.ranking", 0, "service.id", 2L));
        camera.preferSource("test-pattern");
        sources.remove(pattern);
        camera.reconsider();
        assertEquals("webcam:0", camera.source());
        sources.add(pattern, Map.of("service.ranking", 0, "service.id", 3L));
        camera.reconsider();
        assertEquals("test-pattern", camera.source());
    }

    @Test
    void pickingASourceThatFailedBeforeGivesItAnotherTry() {
        FakeSource flaky = new FakeSource("webcam:1", true);
        sources.add(flaky, Map.of("service.ranking", 100, "service.id", 1L));
        sources.add(pattern, Map.of("service.ranking", 0, "service.id", 2L));
        camera.reconsider();
        assertEquals("test-pattern", camera.source());
        flaky.fails = false;
        camera.preferSource("webcam:1");
        assertEquals("webcam:1", camera.source());
    }

    @Test
    void aPreferredCodecIsUsedWhilePresentWhateverItsRankingAndTheBestOneOtherwise() {
        RankedList<FrameEncoder> encoders = new RankedList<>();
        LivePublication p = new LivePublication(null, MediaKind.VIDEO,
                new CaptureSpec("alice", MediaFormat.video(320, 240, 15)), sources, encoders, x -> { });
        encoders.add(encoder("turbojpeg"), Map.of("service.ranking", 100, "service.id", 1L));
        p.reconsider();
        assertEquals("turbojpeg", p.encoderName());
        p.preferCodec("jpeg");
        assertEquals("turbojpeg", p.encoderName(), "the preferred codec is not present yet");
        encoders.add(encoder("jpeg"), Map.of("service.ranking", 0, "service.id", 2L));
        p.reconsider();
        assertEquals("jpeg", p.encoderName());
        p.preferCodec("");
        assertEquals("turbojpeg", p.encoderName());
    }

    private static FrameEncoder encoder(String name) {
        return new FrameEncoder() {
            @Override public String codec() { return name; }
            @Override public MediaKind kind() { return MediaKind.VIDEO; }
            @Override public EncoderSession open(MediaFormat format) { throw new UnsupportedOperationException(); }
        };
    }

    private final class FakeSource implements MediaSource {
        private final String id;
        boolean fails;

        FakeSource(String id, boolean fails) {
            this.id = id;
            this.fails = fails;
        }

        @Override public String id() { return id; }

        @Override public MediaKind kind() { return MediaKind.VIDEO; }

        @Override public String description() { return id; }

        @Override
        public Capture open(CaptureSpec spec, Consumer<RawFrame> sink) throws CaptureException {
            if (fails) throw new CaptureException("device busy");
            events.add("open " + id);
            return () -> events.add("close " + id);
        }
    }
}
