package dev.parley.client.internal;

import static dev.parley.client.internal.FakeCodecs.ranked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.parley.api.FrameListener;
import dev.parley.api.MediaBus;
import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.Subscription;
import dev.parley.api.capture.AudioSink;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.MediaFormat;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BusAudioPlayerTest {
    private final BusAudioPlayer player = new BusAudioPlayer();
    private final FakeCodecs.Decoder pcm = new FakeCodecs.Decoder("pcm-s16le");
    private final FakeCodecs.Decoder opus = new FakeCodecs.Decoder("opus");
    private final List<AudioSamples> played = new ArrayList<>();
    private FrameListener listener;
    private AutoCloseable running;

    @BeforeEach
    void start() {
        player.addDecoder(pcm, ranked(0));
        player.addDecoder(opus, ranked(10));
        player.addSink(new RecordingSink(), ranked(0));
        MediaBus bus = mock(MediaBus.class);
        when(bus.subscribe(any(), any(), any())).thenAnswer(inv -> {
            listener = inv.getArgument(2);
            return mock(Subscription.class);
        });
        running = player.start(bus);
    }

    @AfterEach
    void stop() throws Exception {
        running.close();
    }

    private void receive(String codecId, int... payload) {
        byte[] bytes = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) bytes[i] = (byte) payload[i];
        listener.onFrame(MediaFrame.builder(MediaKind.AUDIO).sender(2).senderName("bob").codec(codecId).payload(bytes).build());
    }

    @Test
    void framesArePlayedWithTheDecoderNamedByTheirCodecIdWhateverItsRanking() {
        receive("opus;rate=16000", 1, 2, 3);
        receive("pcm-s16le;rate=16000", 1, 2);

        assertEquals(1, opus.decoded);
        assertEquals(1, pcm.decoded);
        assertEquals(2, played.size());
    }

    @Test
    void aCorruptPacketIsSkippedAndTheStreamPlaysOnWithTheSameSession() {
        receive("opus;rate=16000", 1, 2, 3);
        receive("opus;rate=16000", 0, 9, 9);
        receive("opus;rate=16000", 4, 5);

        assertEquals(2, played.size());
        assertEquals(1, opus.opened);
        assertEquals(1, player.undecodableFrames());
    }

    @Test
    void aCodecWithNoDecoderIsCountedAndSkippedWithoutThrowing() {
        receive("speex;rate=16000", 1, 2);
        receive("speex;rate=16000", 1, 2);
        receive("pcm-s16le;rate=16000", 1, 2);

        assertEquals(1, played.size());
        assertEquals(2, player.framesWithoutDecoder());
    }

    @Test
    void aBetterDecoderForTheSameCodecTakesOverAtTheNextFrame() {
        receive("opus;rate=16000", 1);
        FakeCodecs.Decoder better = new FakeCodecs.Decoder("opus");
        player.addDecoder(better, ranked(20));
        receive("opus;rate=16000", 2);
        player.removeDecoder(better);
        receive("opus;rate=16000", 3);

        assertEquals(2, opus.decoded);
        assertEquals(1, better.decoded);
        assertEquals(3, played.size());
    }

    private final class RecordingSink implements AudioSink {
        @Override public String id() { return "recording"; }
        @Override public String description() { return "records what it plays"; }

        @Override
        public Playback open(MediaFormat format) {
            return new Playback() {
                @Override public void play(AudioSamples samples) { played.add(samples); }
                @Override public long skipped() { return 0; }
                @Override public void close() { }
            };
        }
    }
}
