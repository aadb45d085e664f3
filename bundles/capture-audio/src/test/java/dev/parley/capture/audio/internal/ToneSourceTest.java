package dev.parley.capture.audio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaSource.Capture;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.MediaFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ToneSourceTest {
    private static final long PATIENCE_SECONDS = 20;

    private final ToneSource tone = new ToneSource(440, 0.25);

    @Test
    void framesHave320MonoSamplesAt16kHzAndAreNotSilent() throws Exception {
        List<AudioSamples> frames = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);

        try (Capture capture = tone.open(new CaptureSpec("alice", MediaFormat.audio(16000, 1, 20)), frame -> {
            frames.add((AudioSamples) frame);
            three.countDown();
        })) {
            assertTrue(three.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "fewer than 3 frames arrived");
        }

        for (AudioSamples frame : frames) {
            assertEquals(320, frame.samples().length);
            assertEquals(16000, frame.sampleRate());
            assertEquals(1, frame.channels());
            assertTrue(rms(frame.samples()) > 1000, "rms " + rms(frame.samples()));
        }
    }

    @Test
    void anEmptyFormatGives20MillisecondFramesAt16kHz() throws Exception {
        AtomicReference<AudioSamples> first = new AtomicReference<>();
        CountDownLatch one = new CountDownLatch(1);

        try (Capture capture = tone.open(new CaptureSpec("bob", null), frame -> {
            first.compareAndSet(null, (AudioSamples) frame);
            one.countDown();
        })) {
            assertTrue(one.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
        }

        assertEquals(320, first.get().samples().length);
        assertEquals(20_000, first.get().durationMicros());
    }

    @Test
    void at48kHzFramesHave960Samples() throws Exception {
        AudioSamples frame = new ToneGenerator(AudioFrames.of(MediaFormat.audio(48000, 1, 20)), 440, 0.25).nextFrame();

        assertEquals(960, frame.samples().length);
        assertEquals(48000, frame.sampleRate());
    }

    @Test
    void thePhaseRunsOnAcrossFramesWithoutAJump() throws Exception {
        double frequency = 523.25;
        ToneGenerator generator = new ToneGenerator(AudioFrames.of(MediaFormat.audio(16000, 1, 20)), frequency, 0.5);
        double largestStep = 0.5 * Short.MAX_VALUE * 2 * Math.PI * frequency / 16000 + 2;

        short[] previous = generator.nextFrame().samples();
        for (int i = 0; i < 20; i++) {
            short[] next = generator.nextFrame().samples();
            assertTrue(Math.abs(next[0] - previous[previous.length - 1]) <= largestStep, "jump between frames " + i);
            previous = next;
        }
    }

    @Test
    void participantsGetDifferentPitches() {
        assertNotEquals(ToneGenerator.frequencyFor("alice", 440), ToneGenerator.frequencyFor("bob", 440));
        double pitch = ToneGenerator.frequencyFor("carol", 440);
        assertTrue(pitch >= 440 && pitch < 880);
    }

    @Test
    void closingStopsTheFramesAndTheNamedThread() throws Exception {
        AtomicInteger count = new AtomicInteger();
        AtomicReference<Thread> thread = new AtomicReference<>();
        CountDownLatch two = new CountDownLatch(2);
        Capture capture = tone.open(new CaptureSpec("dave", MediaFormat.audio(16000, 1, 20)), frame -> {
            thread.set(Thread.currentThread());
            count.incrementAndGet();
            two.countDown();
        });
        assertTrue(two.await(PATIENCE_SECONDS, TimeUnit.SECONDS));

        capture.close();
        int atClose = count.get();
        thread.get().join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));

        assertEquals("parley-tone-dave", thread.get().getName());
        assertFalse(thread.get().isAlive());
        assertEquals(atClose, count.get());
    }

    @Test
    void askingTheToneForVideoOrAnOddRateIsACaptureException() {
        assertThrows(CaptureException.class, () -> tone.open(new CaptureSpec("erin", MediaFormat.video(640, 480, 15)), f -> { }));
        assertThrows(CaptureException.class, () -> tone.open(new CaptureSpec("erin", MediaFormat.audio(1000, 1, 20)), f -> { }));
        assertThrows(CaptureException.class, () -> tone.open(new CaptureSpec("erin", MediaFormat.audio(11025, 1, 10)), f -> { }));
    }

    private static double rms(short[] samples) {
        double sum = 0;
        for (short sample : samples) {
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / samples.length);
    }
}
