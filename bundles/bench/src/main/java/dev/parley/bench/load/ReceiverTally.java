package dev.parley.bench.load;

import java.util.BitSet;
import org.HdrHistogram.Histogram;

/**
 * What one participant received during the measuring window. Confined to the participant's event loop until the
 * run collects it.
 */
final class ReceiverTally {
    /** Per sender index: which of its sequence numbers (counted from its window start) arrived. */
    final BitSet[] arrived;
    /** Per sender index: the last video sequence seen, to find frames out of order. */
    private final int[] lastSequence;
    final Histogram videoLatency = new Histogram(60_000_000L, 3);
    final Histogram audioLatency = new Histogram(60_000_000L, 3);
    long videoFrames;
    long audioFrames;
    long bytes;
    long corrupt;
    long outOfOrder;
    long duplicates;

    ReceiverTally(int senders) {
        arrived = new BitSet[senders];
        lastSequence = new int[senders];
        for (int i = 0; i < senders; i++) arrived[i] = new BitSet();
        java.util.Arrays.fill(lastSequence, -1);
    }

    /** A video frame of sender {@code index}, {@code offset} frames after that sender's window start. */
    void video(int index, int sequence, int offset, long latencyMicros, int length) {
        videoFrames++;
        bytes += length;
        if (lastSequence[index] != -1 && sequence - lastSequence[index] <= 0) outOfOrder++;
        lastSequence[index] = sequence;
        if (offset >= 0) {
            if (arrived[index].get(offset)) duplicates++;
            arrived[index].set(offset);
        }
        videoLatency.recordValue(Math.max(0, Math.min(latencyMicros, videoLatency.getHighestTrackableValue())));
    }

    void audio(long latencyMicros, int length) {
        audioFrames++;
        bytes += length;
        audioLatency.recordValue(Math.max(0, Math.min(latencyMicros, audioLatency.getHighestTrackableValue())));
    }

    /** Frames of sender {@code index} that arrived among the first {@code count} of its window. */
    int arrivedOf(int index, int count) {
        return count <= 0 ? 0 : arrived[index].get(0, count).cardinality();
    }
}
