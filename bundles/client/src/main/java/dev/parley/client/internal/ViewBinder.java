package dev.parley.client.internal;

import dev.parley.api.call.Call;
import dev.parley.api.ui.ConferenceView;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows every {@link Call} in every {@link ConferenceView}: a view that arrives mid-call is attached at once (and
 * shows the roster and recent chat), a view that leaves is detached while the call goes on. This is what makes UI
 * bundles swappable.
 */
@Component(service = {}, immediate = true)
public final class ViewBinder {
    private static final Logger LOG = LoggerFactory.getLogger(ViewBinder.class);

    private final List<Call> calls = new ArrayList<>();
    private final List<ConferenceView> views = new ArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCall(Call call) {
        List<ConferenceView> now;
        synchronized (this) {
            calls.add(call);
            now = new ArrayList<>(views);
        }
        for (ConferenceView v : now) attach(v, call);
    }

    void removeCall(Call call) {
        List<ConferenceView> now;
        synchronized (this) {
            if (!calls.remove(call)) return;
            now = new ArrayList<>(views);
        }
        for (ConferenceView v : now) detach(v, call);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addView(ConferenceView view) {
        List<Call> now;
        synchronized (this) {
            views.add(view);
            now = new ArrayList<>(calls);
        }
        for (Call c : now) attach(view, c);
    }

    void removeView(ConferenceView view) {
        List<Call> now;
        synchronized (this) {
            if (!views.remove(view)) return;
            now = new ArrayList<>(calls);
        }
        for (Call c : now) detach(view, c);
    }

    @Deactivate
    synchronized void deactivate() {
        for (ConferenceView v : views) for (Call c : calls) detach(v, c);
        views.clear();
        calls.clear();
    }

    private static void attach(ConferenceView view, Call call) {
        // Listening before attaching: an event that comes while the view reads the roster and history then reaches
        // it, at worst twice, instead of falling into the gap between the two (a lost "connected" or "joined").
        call.addListener(view);
        try {
            view.attach(call);
        } catch (RuntimeException e) {
            call.removeListener(view);
            LOG.warn("View {} failed to show the call: {}", view.getClass().getName(), e.toString());
        }
    }

    private static void detach(ConferenceView view, Call call) {
        call.removeListener(view);
        try {
            view.detach(call);
        } catch (RuntimeException e) {
            LOG.warn("View {} failed to let go of the call: {}", view.getClass().getName(), e.toString());
        }
    }
}
