package dev.parley.ui.console.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.StreamStats;
import dev.parley.api.call.Call;
import dev.parley.api.capture.PlayoutStats;
import java.util.List;

/**
 * A call's live figures as text: a heading line, then one line per stream on the bus, then one per remote audio
 * stream as it plays here (jitter buffer and latency to the sink line).
 */
final class CallFigures {
    private CallFigures() {
    }

    static String of(Call c, List<PlayoutStats> playout) {
        StringBuilder b = new StringBuilder();
        long rtt = c.roundTripMicros();
        b.append("call ").append(c.name()).append(" in ").append(c.room()).append(": ")
                .append(c.state().name().toLowerCase())
                .append(rtt < 0 ? "" : String.format(", rtt %.1f ms", rtt / 1000.0));
        for (StreamStats s : c.bus().stats()) {
            String who = s.key().sender() == 0 ? c.name() + " (you)" : s.key().sender() + " " + s.senderName();
            b.append(String.format("%n  %-16s %-5s %s", who, s.key().kind().name().toLowerCase(), s.summary()));
        }
        List<StreamStats> streams = c.bus().stats();
        for (PlayoutStats p : playout) {
            String who = p.key().sender() + " " + p.senderName();
            String what = p.key().stream() == 0 ? "play" : "play#" + p.key().stream();
            b.append(String.format("%n  %-16s %-5s %s%s", who, what, p.summary(), skew(p, streams)));
        }
        return b.toString();
    }

    /** "  a/v +12 ms" against the sender's video, when it sends video and both latencies are known. */
    static String skew(PlayoutStats p, List<StreamStats> streams) {
        StreamStats video = streams.stream()
                .filter(s -> s.key().sender() == p.key().sender() && s.key().kind() == MediaKind.VIDEO)
                .findFirst().orElse(null);
        double skew = p.skewMillis(video);
        return Double.isNaN(skew) ? "" : String.format("  a/v %+.0f ms", skew);
    }
}
