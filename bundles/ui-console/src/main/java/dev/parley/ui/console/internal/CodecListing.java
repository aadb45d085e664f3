package dev.parley.ui.console.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.StreamStats;
import dev.parley.api.call.Call;
import dev.parley.api.codec.FrameDecoder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The text of the {@code codecs} command: the encoders and decoders present, best first within each kind, and which
 * codec each stream of the call uses, with "no decoder for X" for a remote stream nothing here can decode.
 */
final class CodecListing {
    /** One codec service: its codec name, kind, ranking and the bundle that provides it. */
    record Codec(String name, MediaKind kind, int ranking, String provider) {
    }

    private static final Comparator<Codec> BEST_FIRST = Comparator.comparing(Codec::kind)
            .thenComparing(Comparator.comparingInt(Codec::ranking).reversed())
            .thenComparing(Codec::name);

    private CodecListing() {
    }

    static String format(List<Codec> encoders, List<Codec> decoders, Call call) {
        List<Codec> enc = sorted(encoders);
        List<Codec> dec = sorted(decoders);
        StringBuilder b = new StringBuilder();
        section(b, "encoders", enc);
        section(b, "decoders", dec);
        if (call == null) {
            b.append("no call here: streams show once Parley runs as a client or the demo");
            return b.toString();
        }
        b.append("streams of ").append(call.name()).append(" in ").append(call.room()).append(':');
        int shown = 0;
        for (StreamStats s : sortedStreams(call)) {
            String codecId = s.codec();
            String name = codecId.isEmpty() ? "" : FrameDecoder.codecName(codecId);
            String who = s.key().sender() == 0 ? call.name() + " (you)" : s.key().sender() + " " + s.senderName();
            b.append(String.format("%n  %-16s %-5s %-22s %s", who, s.key().kind().name().toLowerCase(),
                    codecId.isEmpty() ? "-" : codecId, usage(s, name, enc, dec)));
            shown++;
        }
        if (shown == 0) b.append(" none yet");
        return b.toString();
    }

    private static String usage(StreamStats s, String name, List<Codec> enc, List<Codec> dec) {
        if (name.isEmpty()) return "no frames yet";
        if (s.key().sender() == 0) {
            return best(enc, s.key().kind(), name).map(c -> "sent, encoded by " + c.provider())
                    .orElse("sent (its encoder has gone)");
        }
        return best(dec, s.key().kind(), name).map(c -> "decoded by " + c.provider()).orElse("no decoder for " + name);
    }

    private static Optional<Codec> best(List<Codec> sortedCodecs, MediaKind kind, String name) {
        return sortedCodecs.stream().filter(c -> c.kind() == kind && c.name().equals(name)).findFirst();
    }

    private static void section(StringBuilder b, String title, List<Codec> codecs) {
        b.append(title).append(':');
        if (codecs.isEmpty()) b.append(" none");
        for (Codec c : codecs) {
            b.append(String.format("%n  %-5s %-12s ranking %3d  %s", c.kind().name().toLowerCase(), c.name(),
                    c.ranking(), c.provider()));
        }
        b.append(System.lineSeparator());
    }

    private static List<Codec> sorted(List<Codec> codecs) {
        List<Codec> out = new ArrayList<>(codecs);
        out.sort(BEST_FIRST);
        return out;
    }

    /** Media streams only (chat has no codec): yours first, then by participant, video before audio. */
    private static List<StreamStats> sortedStreams(Call call) {
        List<StreamStats> out = new ArrayList<>();
        for (StreamStats s : call.bus().stats()) if (s.key().kind() != MediaKind.TEXT) out.add(s);
        out.sort(Comparator.comparingInt((StreamStats s) -> s.key().sender())
                .thenComparing(s -> s.key().kind())
                .thenComparingInt(s -> s.key().stream()));
        return out;
    }
}
