package dev.parley.client.internal;

import dev.parley.api.MediaBus;
import dev.parley.common.RankedList;
import dev.parley.api.MediaKind;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaPublisher;
import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.FrameEncoder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Publishes local media with whichever sources and encoders are present, re-choosing as they come and go. */
@Component(service = MediaPublisher.class)
public final class BestMediaPublisher implements MediaPublisher {
    private final RankedList<MediaSource> sources = new RankedList<>();
    private final RankedList<FrameEncoder> encoders = new RankedList<>();
    private final List<LivePublication> live = new CopyOnWriteArrayList<>();

    @Override
    public Publication start(MediaBus bus, MediaKind kind, CaptureSpec spec) {
        LivePublication p = new LivePublication(bus, kind, spec, sources, encoders, live::remove);
        live.add(p);
        p.reconsider();
        return p;
    }

    @Override
    public Optional<Publication> publication(MediaBus bus, MediaKind kind) {
        for (LivePublication p : live) if (p.bus() == bus && p.kind() == kind) return Optional.of(p);
        return Optional.empty();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSource(MediaSource source, Map<String, Object> properties) {
        sources.add(source, properties);
        live.forEach(p -> p.arrived(source));
    }

    void removeSource(MediaSource source) {
        sources.remove(source);
        live.forEach(LivePublication::reconsider);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addEncoder(FrameEncoder encoder, Map<String, Object> properties) {
        encoders.add(encoder, properties);
        live.forEach(p -> p.arrived(encoder));
    }

    void removeEncoder(FrameEncoder encoder) {
        encoders.remove(encoder);
        live.forEach(LivePublication::reconsider);
    }

    @Deactivate
    void deactivate() {
        live.forEach(LivePublication::close);
    }
}
