package dev.parley.client.internal;

import static dev.parley.client.internal.FakeCodecs.ranked;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.parley.api.FrameListener;
import dev.parley.api.MediaBus;
import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.Subscription;
import dev.parley.api.capture.PlayoutStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Decoding per stream, and the decoded frames through the bus's mixer to the sink, on a hand-set clock. */
class BusAudioPlayerTest {
    private final FakeAudio.Clock clock = new FakeAudio.Clock();
    private final List<Mixer> mixers = new ArrayList<>();
    private final BusAudioPlayer player = new BusAudioPlayer(clock, mixers::add);
    private final FakeCodecs.Decoder pcm = new FakeCodecs.Decoder("pcm-s16le");
    private final FakeCodecs.Decoder opus = new FakeCodecs.Decoder("opus");
    private final FakeAudio.RecordingSink sink = new FakeAudio.RecordingSink();
    private FrameListener listener;
    private AutoCloseable running;
    private long sequence;

    @BeforeEach
    void start() {
        player.addDecoder(pcm, ranked(0));
        player.addDecoder(opus, ranked(10));
        player.addSink(sink, ranked(0));
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

    /** A frame arrives 20 ms after the one before, and the mixer ticks. */
    private void receive(String codecId, int... payload) {
        byte[] bytes = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) bytes[i] = (byte) payload[i];
        clock.set(clock.wallMicros() + FakeAudio.FRAME_MICROS);
        listener.onFrame(MediaFrame.builder(MediaKind.AUDIO).sender(2).senderName("bob").codec(codecId)
                .sequence(sequence++).captureMicros(clock.wallMicros()).payload(bytes).build());
        mixers.get(0).mixOnce();
    }

    /**
     * The frames the sink got with sound in them (the line opens with silence), each by its last sample: a frame
     * spliced to a made-up one before it starts elsewhere but ends as it was sent.
     */
    private List<Short> heard() {
        List<Short> values = new ArrayList<>();
        for (short[] frame : sink.played) if (frame[frame.length - 1] != 0) values.add(frame[frame.length - 1]);
        return values;
    }

    @Test
    void framesArePlayedWithTheDecoderNamedByTheirCodecIdWhateverItsRanking() {
        receive("opus;rate=16000", 1, 2, 3);
        receive("pcm-s16le;rate=16000", 2, 2);
        receive("pcm-s16le;rate=16000", 3, 2);

        assertEquals(1, opus.decoded);
        assertEquals(2, pcm.decoded);
        assertEquals(List.of((short) 1, (short) 2), heard());
    }

    @Test
    void aCorruptPacketIsSkippedAndTheStreamPlaysOnWithTheSameSession() {
        receive("opus;rate=16000", 1, 2, 3);
        receive("opus;rate=16000", 0, 9, 9);
        receive("opus;rate=16000", 4, 5);
        receive("opus;rate=16000", 5, 5);
        receive("opus;rate=16000", 6, 5);

        // The refused frame is a gap in the stream: it is made up, and the next frame plays.
        assertEquals(2, player.stats().get(0).played());
        assertEquals(1, player.stats().get(0).concealed());
        assertEquals((short) 4, heard().get(heard().size() - 1));
        assertEquals(1, opus.opened);
        assertEquals(1, player.undecodableFrames());
    }

    @Test
    void aCodecWithNoDecoderIsCountedAndSkippedWithoutThrowing() {
        receive("speex;rate=16000", 1, 2);
        receive("speex;rate=16000", 1, 2);
        receive("pcm-s16le;rate=16000", 7, 2);
        receive("pcm-s16le;rate=16000", 8, 2);

        assertEquals(List.of((short) 7), heard());
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
    }

    @Test
    void aDecodedFrameThatIsNot20MsIsSkippedAndCounted() {
        pcm.samples = 160;
        receive("pcm-s16le;rate=16000", 1);
        receive("pcm-s16le;rate=16000", 2);

        assertEquals(2, player.undecodableFrames());
        assertEquals(List.of(), player.stats());
    }

    @Test
    void theFiguresNameEachRemoteStream() {
        receive("pcm-s16le;rate=16000", 1);
        receive("pcm-s16le;rate=16000", 2);
        receive("pcm-s16le;rate=16000", 3);

        List<PlayoutStats> stats = player.stats();
        assertEquals(1, stats.size());
        assertEquals("bob", stats.get(0).senderName());
        assertEquals(2, stats.get(0).key().sender());
        assertEquals(2, stats.get(0).played());
        // Captured as it arrived, written at the next frame's tick: one frame, 20 ms.
        assertEquals(20.0, stats.get(0).latencyMillis(), 1e-9);
        assertArrayEquals(FakeAudio.constant(2, 16000), sink.played.get(sink.played.size() - 1));
    }
}
