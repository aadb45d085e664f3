package dev.parley.client.internal;

import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import dev.parley.api.capture.AudioSink;
import dev.parley.api.codec.AudioSamples;
import dev.parley.api.codec.MediaFormat;
import java.util.ArrayList;
import java.util.List;

/** A hand-set clock, a sink that records what it is given, and frame makers for the playout tests. */
final class FakeAudio {
    static final long FRAME_MICROS = 20_000;
    /** An arbitrary wall time, so nothing depends on the clock starting at 0. */
    static final long START_MICROS = 1_700_000_000_000_000L;

    private FakeAudio() {
    }

    /** Time moves only when the test sets it, or when the mixer sleeps. */
    static final class Clock implements MixerClock {
        long micros = START_MICROS;

        void set(long wallMicros) { micros = wallMicros; }
        @Override public long wallMicros() { return micros; }
        @Override public long nanoTime() { return (micros - START_MICROS) * 1000; }
        @Override public void sleepNanos(long nanos) { micros += nanos / 1000; }
    }

    static final class RecordingSink implements AudioSink {
        final List<MediaFormat> opened = new ArrayList<>();
        final List<short[]> played = new ArrayList<>();
        int closed;

        @Override public String id() { return "recording"; }
        @Override public String description() { return "records what it plays"; }

        @Override
        public Playback open(MediaFormat format) {
            opened.add(format);
            return new Playback() {
                @Override public void play(AudioSamples samples) { played.add(samples.samples().clone()); }
                @Override public long skipped() { return 0; }
                @Override public void close() { closed++; }
            };
        }

        /** Everything played, one sample after the other, from frame {@code from} on. */
        short[] samplesFrom(int from) {
            int n = 0;
            for (int i = from; i < played.size(); i++) n += played.get(i).length;
            short[] all = new short[n];
            int at = 0;
            for (int i = from; i < played.size(); i++) {
                System.arraycopy(played.get(i), 0, all, at, played.get(i).length);
                at += played.get(i).length;
            }
            return all;
        }
    }

    /** 20 ms of a sine wave at 16 kHz, frame {@code index} of a continuous tone. */
    static short[] sine(int index, double hertz, int amplitude, int rate) {
        int n = rate / 50;
        short[] s = new short[n];
        for (int i = 0; i < n; i++) {
            s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hertz * (index * n + i) / rate));
        }
        return s;
    }

    static short[] constant(int value, int rate) {
        short[] s = new short[rate / 50];
        java.util.Arrays.fill(s, (short) value);
        return s;
    }

    static MediaFrame frame(int sender, long sequence, long captureMicros) {
        return MediaFrame.builder(MediaKind.AUDIO).sender(sender).senderName("p" + sender).sequence(sequence)
                .captureMicros(captureMicros).codec("pcm-s16le;rate=16000").payload(new byte[0]).build();
    }

    /** The largest difference between neighbouring samples: a click shows as a step far above the signal's own. */
    static int largestStep(short[] samples) {
        int largest = 0;
        for (int i = 1; i < samples.length; i++) largest = Math.max(largest, Math.abs(samples[i] - samples[i - 1]));
        return largest;
    }
}
