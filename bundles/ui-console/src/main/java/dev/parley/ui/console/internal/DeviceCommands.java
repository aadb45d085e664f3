package dev.parley.ui.console.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.call.Call;
import dev.parley.api.capture.AudioSink;
import dev.parley.api.capture.MediaPublisher;
import dev.parley.api.capture.MediaSource;
import dev.parley.common.RankedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The shell command {@code devices}: the cameras, microphones and other sources found, and the audio outputs, best
 * first, with the ones in use marked; {@code devices video 2} or {@code devices audio tone} switches the running
 * call's publication to another source by number or id, live (the call goes on); {@code devices video best} goes
 * back to the best-ranked one.
 */
@Component(service = DeviceCommands.class, property = {"osgi.command.scope=parley", "osgi.command.function=devices"})
public final class DeviceCommands {
    private final RankedList<MediaSource> sources = new RankedList<>();
    private final RankedList<AudioSink> sinks = new RankedList<>();
    private volatile Call call;
    private volatile MediaPublisher publisher;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSource(MediaSource s, Map<String, Object> properties) { sources.add(s, properties); }

    void removeSource(MediaSource s) { sources.remove(s); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSink(AudioSink s, Map<String, Object> properties) { sinks.add(s, properties); }

    void removeSink(AudioSink s) { sinks.remove(s); }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCall(Call c) { call = c; }

    void unsetCall(Call c) { if (call == c) call = null; }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPublisher(MediaPublisher p) { publisher = p; }

    void unsetPublisher(MediaPublisher p) { if (publisher == p) publisher = null; }

    /** devices: everything found, best first, what is in use marked. */
    public String devices() {
        StringBuilder b = new StringBuilder();
        for (MediaKind kind : new MediaKind[] {MediaKind.VIDEO, MediaKind.AUDIO}) {
            String inUse = publication(kind).map(MediaPublisher.Publication::source).orElse("");
            b.append(kind == MediaKind.VIDEO ? "video sources" : "audio sources").append(" (best first):\n");
            List<MediaSource> list = sourcesOf(kind);
            if (list.isEmpty()) b.append("  none\n");
            for (int i = 0; i < list.size(); i++) {
                MediaSource s = list.get(i);
                b.append(String.format("  %d  %-16s %s%s%n", i + 1, s.id(), s.description(),
                        s.id().equals(inUse) ? "   <- in use" : ""));
            }
        }
        b.append("audio outputs (best first; remote audio plays on the first):\n");
        List<AudioSink> outputs = sinks.all();
        if (outputs.isEmpty()) b.append("  none\n");
        for (int i = 0; i < outputs.size(); i++) {
            b.append(String.format("  %d  %-16s %s%n", i + 1, outputs.get(i).id(), outputs.get(i).description()));
        }
        b.append("choose: devices video|audio NUMBER|ID|best (live, the call goes on)");
        return b.toString();
    }

    /** devices KIND WHICH: the running call sends KIND from source WHICH (its number in the list, its id, or best). */
    public String devices(String kind, String which) {
        MediaKind k = switch (kind.toLowerCase()) {
            case "video" -> MediaKind.VIDEO;
            case "audio" -> MediaKind.AUDIO;
            default -> null;
        };
        if (k == null) return "usage: devices video|audio NUMBER|ID|best";
        Optional<MediaPublisher.Publication> p = publication(k);
        if (p.isEmpty()) return "not sending " + kind.toLowerCase() + " here: nothing to switch";
        String id;
        if (which.equals("best")) {
            id = "";
        } else {
            List<MediaSource> list = sourcesOf(k);
            MediaSource chosen = null;
            try {
                int n = Integer.parseInt(which);
                if (n >= 1 && n <= list.size()) chosen = list.get(n - 1);
            } catch (NumberFormatException byId) {
                chosen = list.stream().filter(s -> s.id().equals(which)).findFirst().orElse(null);
            }
            if (chosen == null) return "no " + kind.toLowerCase() + " source " + which + "; 'devices' lists them";
            id = chosen.id();
        }
        String before = p.get().source();
        p.get().preferSource(id);
        return kind.toLowerCase() + ": " + (id.isEmpty() ? "the best ranked source" : id) + " (was " + before + ")";
    }

    private List<MediaSource> sourcesOf(MediaKind kind) {
        return sources.all().stream().filter(s -> s.kind() == kind).toList();
    }

    private Optional<MediaPublisher.Publication> publication(MediaKind kind) {
        Call c = call;
        MediaPublisher m = publisher;
        return c == null || m == null ? Optional.empty() : m.publication(c.bus(), kind);
    }
}
