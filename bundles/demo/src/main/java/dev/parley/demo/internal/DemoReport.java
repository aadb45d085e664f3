package dev.parley.demo.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.StreamKey;
import dev.parley.api.StreamStats;
import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the demo's figures: one line per stream, as received by everyone else in the room (frame rates and bit
 * rates averaged over the receivers, the worst latency, drops added up).
 */
final class DemoReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private final PrintStream out;

    DemoReport(PrintStream out) {
        this.out = out;
    }

    void print(List<SyntheticParticipant> participants) {
        StringBuilder b = new StringBuilder();
        b.append("-- ").append(LocalTime.now().format(TIME)).append(' ').append(participants.size())
                .append(" participants --\n");
        for (SyntheticParticipant sender : participants) {
            int id = sender.call.localId();
            for (MediaKind kind : List.of(MediaKind.VIDEO, MediaKind.AUDIO)) {
                List<StreamStats> seen = new ArrayList<>();
                List<String> receivers = new ArrayList<>();
                for (SyntheticParticipant r : participants) {
                    if (r == sender || id == 0) continue;
                    StreamStats s = r.bus.stats(new StreamKey(id, kind, 0));
                    if (s != null) {
                        seen.add(s);
                        receivers.add(r.name);
                    }
                }
                b.append(String.format("%-8s %-5s ", sender.name, kind.name().toLowerCase()));
                b.append(seen.isEmpty() ? "waiting for frames" : combine(seen).summary() + "  at " + String.join(", ", receivers));
                b.append('\n');
            }
        }
        synchronized (out) {
            out.print(b);
            out.flush();
        }
    }

    private static StreamStats combine(List<StreamStats> all) {
        double fps = 0, kbps = 0;
        long p50 = -1, p99 = -1, dropped = 0, in = 0, bytes = 0, outFrames = 0;
        for (StreamStats s : all) {
            fps += s.fps();
            kbps += s.kbps();
            p50 = Math.max(p50, s.latencyP50Micros());
            p99 = Math.max(p99, s.latencyP99Micros());
            dropped += s.dropped();
            in += s.framesIn();
            bytes += s.bytesIn();
            outFrames += s.framesOut();
        }
        StreamStats first = all.get(0);
        return new StreamStats(first.key(), first.senderName(), first.codec(), in, bytes, outFrames, dropped,
                fps / all.size(), kbps / all.size(), p50, p99);
    }
}
