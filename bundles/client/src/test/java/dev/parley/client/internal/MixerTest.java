package dev.parley.client.internal;

import static dev.parley.client.internal.FakeAudio.FRAME_MICROS;
import static dev.parley.client.internal.FakeAudio.START_MICROS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.StreamKey;
import dev.parley.api.capture.PlayoutStats;
import dev.parley.api.codec.AudioSamples;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/** The mixer on a hand-set clock: one tick per 20 ms, each right after that 20 ms's frames arrived. */
class MixerTest {
    private static final int RATE = 16000;
    /** Capture to arrival: constant, so the network is calm unless a test says otherwise. */
    private static final long TRANSIT_MICROS = 5_000;
    private static final int PREFILL = Mixer.LINE_FRAMES - 1;

    private final FakeAudio.Clock clock = new FakeAudio.Clock();
    private final FakeAudio.RecordingSink sink = new FakeAudio.RecordingSink();
    private final Mixer mixer = new Mixer(() -> sink, clock);

    /** At tick {@code k}: frame {@code k} of each sender that sends it (null: it is lost), then one mix. */
    private boolean tick(int k, IntFunction<short[]> first, IntFunction<short[]> second) {
        long now = START_MICROS + k * FRAME_MICROS;
        clock.set(now);
        offer(1, k, now, first);
        offer(2, k, now, second);
        return mixer.mixOnce();
    }

    private void offer(int sender, int k, long now, IntFunction<short[]> source) {
        short[] pcm = source == null ? null : source.apply(k);
        if (pcm == null) return;
        mixer.offer(FakeAudio.frame(sender, k, now - TRANSIT_MICROS), new AudioSamples(pcm, pcm.length * 50, 1));
    }

    private PlayoutStats stats(int sender) {
        return mixer.stats().stream().filter(s -> s.key().sender() == sender).findFirst().orElseThrow();
    }

    @Test
    void oneStreamInOrderPlaysSampleForSampleAfterTheBuffersDelay() {
        Random random = new Random(13);
        short[][] sent = new short[400][];
        for (int k = 0; k < sent.length; k++) {
            sent[k] = new short[RATE / 50];
            for (int i = 0; i < sent[k].length; i++) sent[k][i] = (short) random.nextInt(65536);
        }
        for (int k = 0; k < sent.length; k++) tick(k, i -> sent[i], null);

        // One frame waits (the 20 ms target), so tick k plays frame k - 1; the line opened with silence in it.
        assertEquals(List.of(dev.parley.api.codec.MediaFormat.audio(RATE, 1, 20)), sink.opened);
        assertEquals(PREFILL + sent.length - 1, sink.played.size());
        for (int i = 0; i < PREFILL; i++) assertArrayEquals(new short[RATE / 50], sink.played.get(i));
        for (int k = 0; k < sent.length - 1; k++) assertArrayEquals(sent[k], sink.played.get(PREFILL + k), "frame " + k);
        PlayoutStats s = stats(1);
        assertEquals(sent.length - 1, s.played());
        assertEquals(0, s.concealed());
        assertEquals(0, s.late());
        assertEquals(20.0, s.targetMillis());
        assertEquals(20.0, s.depthMillis());
        assertEquals(0.0, s.jitterMillis());
        // Captured 5 ms before it arrived, played at the next tick: 25 ms from capture to the line.
        assertEquals(25.0, s.latencyMillis(), 1e-9);
    }

    @Test
    void aLostFrameIsConcealedWithoutAStepAndTheStreamGoesOn() {
        IntFunction<short[]> tone = k -> k == 50 ? null : FakeAudio.sine(k, 440, 8000, RATE);
        for (int k = 0; k < 100; k++) tick(k, tone, null);

        short[] out = sink.samplesFrom(PREFILL);
        int natural = FakeAudio.largestStep(FakeAudio.sine(0, 440, 8000, RATE));
        assertTrue(FakeAudio.largestStep(out) < natural + 400, "a click: step " + FakeAudio.largestStep(out));
        assertEquals(1, stats(1).concealed());
        // The made-up frame is the frame before, fading, not silence; the frames after it play as they came.
        short[] madeUp = sink.played.get(PREFILL + 50);
        assertTrue(Math.abs(madeUp[100]) + Math.abs(madeUp[200]) + Math.abs(madeUp[300]) > 1000);
        assertArrayEquals(FakeAudio.sine(60, 440, 8000, RATE), sink.played.get(PREFILL + 60));
    }

    @Test
    void aLongLossFadesToSilenceAndComesBackWithoutAStep() {
        IntFunction<short[]> tone = k -> k >= 50 && k < 72 ? null : FakeAudio.sine(k, 440, 8000, RATE);
        for (int k = 0; k < 150; k++) tick(k, tone, null);

        short[] out = sink.samplesFrom(PREFILL);
        int natural = FakeAudio.largestStep(FakeAudio.sine(0, 440, 8000, RATE));
        assertTrue(FakeAudio.largestStep(out) < natural + 400, "a click: step " + FakeAudio.largestStep(out));
        // Frame 49 plays at tick 50; ticks 51.. are made up: three fading repeats, then silence.
        for (int k = 51 + StreamVoice.FADE_FRAMES; k < 72; k++) {
            assertArrayEquals(new short[RATE / 50], sink.played.get(PREFILL + k - 1), "tick " + k);
        }
        assertTrue(stats(1).concealed() >= 21, "concealed " + stats(1).concealed());
        // Once the buffer has filled up again the frames play exactly as sent.
        short[] later = FakeAudio.sine(120, 440, 8000, RATE);
        assertTrue(sink.played.stream().anyMatch(p -> java.util.Arrays.equals(p, later)));
    }

    @Test
    void twoStreamsAreSummedAndClippedTo16Bits() {
        IntFunction<short[]> a = k -> quarters(20000, -20000, 1000, -1000);
        IntFunction<short[]> b = k -> quarters(20000, -20000, 2000, 300);
        for (int k = 0; k < 10; k++) tick(k, a, b);

        short[] mixed = sink.played.get(sink.played.size() - 1);
        assertArrayEquals(quarters(32767, -32768, 3000, -700), mixed);
        assertEquals(Set.of(1, 2), senders());
    }

    private static short[] quarters(int q1, int q2, int q3, int q4) {
        short[] s = new short[RATE / 50];
        for (int i = 0; i < s.length; i++) s[i] = (short) (i < 80 ? q1 : i < 160 ? q2 : i < 240 ? q3 : q4);
        return s;
    }

    @Test
    void aStreamAtAnotherRateIsResampledToTheFirstStreamsRate() {
        IntFunction<short[]> wide = k -> FakeAudio.constant(1000, RATE);
        IntFunction<short[]> narrow = k -> FakeAudio.constant(-400, 8000);
        for (int k = 0; k < 10; k++) tick(k, wide, narrow);

        assertEquals(RATE, sink.opened.get(0).sampleRate());
        assertArrayEquals(FakeAudio.constant(600, RATE), sink.played.get(sink.played.size() - 1));
    }

    @Test
    void aStreamThatStopsLeavesTheMixAndTheLineClosesWhenNoneIsLeft() {
        IntFunction<short[]> a = k -> FakeAudio.constant(1000, RATE);
        IntFunction<short[]> b = k -> k < 20 ? FakeAudio.constant(50, RATE) : null;
        int k = 0;
        for (; k < 20; k++) tick(k, a, b);
        assertEquals(Set.of(1, 2), senders());
        for (; k < 20 + 60; k++) tick(k, a, null);

        assertEquals(Set.of(1), senders());
        assertArrayEquals(FakeAudio.constant(1000, RATE), sink.played.get(sink.played.size() - 1));
        for (; k < 20 + 60 + 60; k++) tick(k, null, null);
        assertEquals(Set.of(), senders());
        assertFalse(tick(k, null, null));
    }

    private Set<Integer> senders() {
        return mixer.stats().stream().map(PlayoutStats::key).map(StreamKey::sender).collect(java.util.stream.Collectors.toSet());
    }
}
