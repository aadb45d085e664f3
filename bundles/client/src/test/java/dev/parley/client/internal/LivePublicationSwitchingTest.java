package dev.parley.client.internal;

import static dev.parley.client.internal.FakeCodecs.ranked;
import dev.parley.common.RankedList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import dev.parley.api.MediaBus;
import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.CodecException;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.VideoImage;
import dev.parley.api.capture.MediaSource;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LivePublicationSwitchingTest {
    private final List<MediaFrame> published = new CopyOnWriteArrayList<>();
    private final MediaBus bus = mock(MediaBus.class);
    private final RankedList<MediaSource> sources = new RankedList<>();
    private final RankedList<FrameEncoder> encoders = new RankedList<>();
    private final FakeCodecs.Source camera = new FakeCodecs.Source(MediaKind.VIDEO);
    private final FakeCodecs.Encoder imageIo = new FakeCodecs.Encoder("jpeg", "jpeg", MediaKind.VIDEO);
    private final FakeCodecs.Encoder turbo = new FakeCodecs.Encoder("jpeg", "jpeg;enc=turbo", MediaKind.VIDEO);
    private final FakeCodecs.Encoder opus = new FakeCodecs.Encoder("opus", "opus;rate=16000", MediaKind.AUDIO);
    private LivePublication publication;

    LivePublicationSwitchingTest() {
        doAnswer(inv -> published.add(inv.getArgument(0))).when(bus).publish(any());
        sources.add(camera, ranked(0));
    }

    @AfterEach
    void close() {
        if (publication != null) publication.close();
    }

    private LivePublication start() {
        publication = new LivePublication(bus, MediaKind.VIDEO, new CaptureSpec("alice", MediaFormat.video(64, 48, 15)),
                sources, encoders, p -> { });
        publication.reconsider();
        return publication;
    }

    private void pushFrames(int n) {
        for (int i = 0; i < n; i++) camera.push(new VideoImage(new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR)));
    }

    private List<String> codecs() {
        return published.stream().map(MediaFrame::codec).toList();
    }

    @Test
    void theBestRankedEncoderOfTheStreamsKindEncodesItsFrames() {
        encoders.add(imageIo, ranked(0));
        encoders.add(opus, ranked(20));
        encoders.add(turbo, ranked(10));
        start();

        pushFrames(3);

        assertEquals(List.of("jpeg;enc=turbo", "jpeg;enc=turbo", "jpeg;enc=turbo"), codecs());
        assertEquals("jpeg;enc=turbo", publication.codec());
        assertEquals(0, imageIo.opened);
        assertEquals(0, opus.opened);
    }

    @Test
    void anEncoderThatThrowsWhenOpeningIsSetAsideAndTheNextBestEncodesTheSameFrame() {
        turbo.openFailure = new UnsatisfiedLinkError("libturbojpeg vanished");
        encoders.add(imageIo, ranked(0));
        encoders.add(turbo, ranked(10));
        start();

        pushFrames(4);

        assertEquals(List.of("jpeg", "jpeg", "jpeg", "jpeg"), codecs(), "no frame lost");
        assertEquals(1, imageIo.opened);
    }

    @Test
    void anEncoderThatRefusesTheStreamsFormatIsSetAsideInsteadOfSilencingTheStream() {
        turbo.openRefusal = new CodecException("cannot encode this format");
        encoders.add(imageIo, ranked(0));
        encoders.add(turbo, ranked(10));
        start();

        pushFrames(3);

        assertEquals(List.of("jpeg", "jpeg", "jpeg"), codecs());
    }

    @Test
    void anEncoderThatThrowsMidStreamIsSetAsideAndTheNextBestTakesOverWithoutLosingAFrameOrTheSource() {
        turbo.failOn = n -> n == 3;
        encoders.add(imageIo, ranked(0));
        encoders.add(turbo, ranked(10));
        start();

        pushFrames(6);

        assertEquals(List.of("jpeg;enc=turbo", "jpeg;enc=turbo", "jpeg", "jpeg", "jpeg", "jpeg"), codecs());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), published.stream().map(MediaFrame::sequence).toList());
        assertEquals(1, turbo.closed, "the failed session is closed");
        assertEquals(1, camera.opened, "the capture runs on");
        assertEquals(0, camera.closed);

        // Set aside for good: re-ranking does not bring the failed encoder back into this publication.
        publication.reconsider();
        pushFrames(1);
        assertEquals("jpeg", codecs().get(6));
    }

    @Test
    void aCodecExceptionSkipsOnlyThatFrameAndKeepsTheEncoder() {
        turbo.failOn = n -> n == 2;
        turbo.codecExceptionOnly = true;
        encoders.add(imageIo, ranked(0));
        encoders.add(turbo, ranked(10));
        start();

        pushFrames(4);

        assertEquals(List.of("jpeg;enc=turbo", "jpeg;enc=turbo", "jpeg;enc=turbo"), codecs());
        assertEquals(0, imageIo.opened);
    }

    @Test
    void removingTheBestEncoderFallsBackToTheNextAtTheNextFrameAndClosesItsSession() {
        encoders.add(imageIo, ranked(0));
        encoders.add(turbo, ranked(10));
        start();
        pushFrames(2);

        encoders.remove(turbo);
        publication.reconsider();
        pushFrames(2);

        assertEquals(List.of("jpeg;enc=turbo", "jpeg;enc=turbo", "jpeg", "jpeg"), codecs());
        assertEquals(1, turbo.closed);
        assertEquals(1, camera.opened, "the capture runs on");
    }

    @Test
    void addingABetterEncoderSwitchesAtTheNextFrame() {
        encoders.add(imageIo, ranked(0));
        start();
        pushFrames(2);

        encoders.add(turbo, ranked(10));
        publication.reconsider();
        pushFrames(2);

        assertEquals(List.of("jpeg", "jpeg", "jpeg;enc=turbo", "jpeg;enc=turbo"), codecs());
        assertEquals(1, imageIo.closed);
    }

    @Test
    void withNoEncoderNothingIsSentAndTheStreamStartsWhenOneArrives() {
        start();
        pushFrames(2);
        assertTrue(published.isEmpty());

        encoders.add(imageIo, ranked(0));
        publication.reconsider();
        pushFrames(1);

        assertEquals(List.of("jpeg"), codecs());
    }

    @Test
    void anAudioPublicationUsesOnlyAudioEncoders() {
        FakeCodecs.Source microphone = new FakeCodecs.Source(MediaKind.AUDIO);
        sources.add(microphone, ranked(0));
        encoders.add(turbo, ranked(50));
        encoders.add(opus, ranked(10));
        publication = new LivePublication(bus, MediaKind.AUDIO, new CaptureSpec("alice", MediaFormat.audio(16000, 1, 20)),
                sources, encoders, p -> { });
        publication.reconsider();

        microphone.push(new AudioSamples(new short[320], 16000, 1));

        assertEquals(List.of("opus;rate=16000"), codecs());
    }
}
