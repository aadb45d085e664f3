package dev.parley.client.internal;

import static dev.parley.client.internal.FakeAudio.FRAME_MICROS;
import static dev.parley.client.internal.FakeAudio.START_MICROS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.client.internal.JitterBuffer.Action;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The jitter buffer on simulated time: frame k is captured at k * 20 ms and arrives after a delay the test picks;
 * the mixer ticks every 20 ms, taking its turn after the frames that arrived by then.
 */
class JitterBufferTest {
    private final JitterBuffer buffer = new JitterBuffer(START_MICROS);
    private final PriorityQueue<JitterBuffer.Frame> network =
            new PriorityQueue<>(Comparator.comparingLong(JitterBuffer.Frame::arrivalMicros));
    private final List<Action> actions = new ArrayList<>();
    private final List<Long> playedSequences = new ArrayList<>();
    private long minTarget = Long.MAX_VALUE;
    private long maxTarget;

    private static long captured(long k) {
        return START_MICROS + k * FRAME_MICROS;
    }

    /** Frames first..last (inclusive) sent, frame k delayed by delay(k). */
    private void send(long first, long last, LongUnaryOperator delay) {
        for (long k = first; k <= last; k++) {
            network.add(new JitterBuffer.Frame(k, captured(k), captured(k) + delay.applyAsLong(k), new short[320], 16000));
        }
    }

    /** Ticks from tick first to tick last (inclusive); tick t is at t * 20 ms plus 1 ms. */
    private void tick(long first, long last) {
        for (long t = first; t <= last; t++) {
            long now = captured(t) + 1_000;
            while (!network.isEmpty() && network.peek().arrivalMicros() <= now) buffer.offer(network.poll());
            JitterBuffer.Turn turn = buffer.take(now);
            actions.add(turn.action());
            if (turn.first() != null) playedSequences.add(turn.first().sequence());
            if (turn.second() != null) playedSequences.add(turn.second().sequence());
            long target = buffer.figures().targetMicros();
            minTarget = Math.min(minTarget, target);
            maxTarget = Math.max(maxTarget, target);
        }
    }

    private long count(Action action) {
        return actions.stream().filter(a -> a == action).count();
    }

    @Test
    void framesComeOutInSequenceOrderWhateverOrderTheyArriveIn() {
        // Pairs swapped in flight: 1 before 0, 3 before 2, ...
        send(0, 99, k -> k % 2 == 0 ? 25_000 : 0);
        tick(0, 101);

        assertEquals(java.util.stream.LongStream.range(0, 100).boxed().toList(), playedSequences);
        assertEquals(0, buffer.figures().late());
        assertEquals(0, count(Action.CONCEAL));
    }

    @Test
    void aFrameAfterItsTurnAndASecondCopyAreDroppedAndCountedAsLate() {
        send(0, 29, k -> 2_000);
        send(31, 59, k -> 2_000);
        tick(0, 32);
        // Tick t plays frame t - 2. Frame 30 was due at tick 32 and 31 was there: 30 was concealed, the buffer went on.
        assertEquals(Action.CONCEAL, actions.get(32));
        long target = buffer.figures().targetMicros();

        assertFalse(buffer.offer(new JitterBuffer.Frame(30, captured(30), captured(32) + 5_000, new short[320], 16000)));
        assertFalse(buffer.offer(new JitterBuffer.Frame(31, captured(31), captured(32) + 5_000, new short[320], 16000)));
        tick(33, 60);

        assertEquals(2, buffer.figures().late());
        assertFalse(playedSequences.contains(30L));
        assertEquals(1, playedSequences.stream().filter(s -> s == 31).count());
        // A frame's worth more for the late frame, beyond what its jitter alone asks.
        assertTrue(buffer.figures().targetMicros() >= target + 20_000, "target " + buffer.figures().targetMicros());
    }

    @Test
    void theTargetGrowsUnderJitterAndShrinksBackWhenCalmWithin20To80Ms() {
        Random random = new Random(7);
        send(0, 499, k -> 2_000 + random.nextInt(70_000));
        tick(0, 499);
        JitterBuffer.Figures jittery = buffer.figures();
        assertTrue(jittery.targetMicros() >= 60_000, "target " + jittery.targetMicros());
        assertTrue(jittery.jitterMicros() > 10_000, "jitter " + jittery.jitterMicros());
        assertTrue(jittery.late() + count(Action.CONCEAL) > 0);

        send(500, 1999, k -> 2_000);
        tick(500, 1999);
        JitterBuffer.Figures calm = buffer.figures();
        assertEquals(20_000, calm.targetMicros());
        assertEquals(20_000, calm.depthMicros());
        assertTrue(count(Action.COMPRESS) > 0, "the delay came down by compressing frames");
        assertEquals(20_000, minTarget);
        assertEquals(80_000, maxTarget);
    }

    @Test
    void aSenderThatPausesIsNotLateAndPlaysOnAtTheSameDelay() {
        send(0, 49, k -> 2_000);
        // The sender stops for 400 ms; its sequence numbers go on where they stopped.
        for (long k = 50; k < 100; k++) {
            long capture = captured(k + 20);
            network.add(new JitterBuffer.Frame(k, capture, capture + 2_000, new short[320], 16000));
        }
        tick(0, 125);

        assertEquals(0, buffer.figures().late());
        assertEquals(20_000, buffer.figures().targetMicros());
        assertTrue(count(Action.CONCEAL) >= 19, "the pause was filled in");
        assertTrue(playedSequences.containsAll(java.util.stream.LongStream.range(0, 99).boxed().toList()));
    }

    @Test
    void aJumpInSequenceNumbersStartsTheBufferAgainWithoutCallingFramesLate() {
        send(0, 49, k -> 2_000);
        tick(0, 50);
        for (long k = 50; k < 100; k++) {
            long now = captured(k) + 1_000;
            buffer.offer(new JitterBuffer.Frame(k + 70_000, captured(k), now - 1_000, new short[320], 16000));
            JitterBuffer.Turn turn = buffer.take(now);
            if (turn.first() != null) playedSequences.add(turn.first().sequence());
        }

        assertEquals(0, buffer.figures().late());
        assertTrue(playedSequences.contains(70_090L));
    }

    @Test
    void aStreamIsNotInTheMixUntilItsBufferHoldsTheTarget() {
        send(0, 0, k -> 0);
        tick(0, 0);
        assertEquals(List.of(Action.WAIT), actions);
        send(1, 1, k -> 0);
        tick(1, 1);
        assertEquals(Action.PLAY, actions.get(1));
    }
}
