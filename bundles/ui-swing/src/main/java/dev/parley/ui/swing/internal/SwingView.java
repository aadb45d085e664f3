package dev.parley.ui.swing.internal;

import dev.parley.api.MediaKind;
import dev.parley.common.RankedList;
import dev.parley.api.call.Call;
import dev.parley.api.call.CallState;
import dev.parley.api.call.ChatMessage;
import dev.parley.api.call.Participant;
import dev.parley.api.capture.MediaPublisher;
import dev.parley.api.capture.MediaPublisher.Publication;
import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.api.ui.ConferenceView;
import dev.parley.api.ui.ViewSwitch;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.swing.SwingUtilities;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop view: a window with a tile per participant, chat, roster, stream figures and media menus. Active while
 * its configuration {@value SwingViewConfig#PID} exists; the client attaches it to the running call, and closing
 * the window hands the call back to the console view. Swing is touched only on the EDT; media is decoded on the bus
 * subscriptions' threads ({@link MediaFeed}). The shell commands {@code window} and {@code screenshot FILE} show
 * what the window shows, for people without a screen and for tests.
 */
@Component(service = ConferenceView.class, configurationPid = SwingViewConfig.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = {
                ConferenceView.PROP_UI + "=swing",
                ConferenceView.PROP_NEEDS_DISPLAY + ":Boolean=true",
                "osgi.command.scope=parley",
                "osgi.command.function=window",
                "osgi.command.function=screenshot"})
@Designate(ocd = SwingViewConfig.class)
public final class SwingView implements ConferenceView, WindowActions {
    private static final Logger LOG = LoggerFactory.getLogger(SwingView.class);

    private final BundleContext context;
    private final RankedList<FrameDecoder> decoders = new RankedList<>();
    private final RankedList<FrameEncoder> encoders = new RankedList<>();
    private final RankedList<MediaSource> sources = new RankedList<>();
    private final Feeds feeds;
    private final List<Call> calls = new ArrayList<>();
    /** Touched on the EDT only. */
    private ConferenceWindow window;
    private Call shown;
    private MediaFeed media;
    private volatile boolean closed;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MediaPublisher publisher;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ViewSwitch viewSwitch;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile dev.parley.api.capture.AudioPlayer player;

    @Activate
    public SwingView(BundleContext context, SwingViewConfig config) {
        this.context = context;
        this.feeds = new Feeds(() -> { if (window != null) window.participantsChanged(); });
        // Opened on the EDT after activation, when the dynamic references are bound too.
        SwingUtilities.invokeLater(() -> open(config));
    }

    private void open(SwingViewConfig config) {
        if (closed) return;
        if (GraphicsEnvironment.isHeadless()) {
            fallBack("the Swing UI needs a display (" + ConferenceView.whyNoDisplay() + ")");
            return;
        }
        try {
            window = new ConferenceWindow(this, feeds, config.width(), config.height(), config.chatLines());
        } catch (RuntimeException | Error e) {
            // No X server behind DISPLAY, for one: say so in a line, never a stack trace.
            fallBack("the Swing UI cannot open a window (" + e.getMessage() + ")");
            return;
        }
        // A call attached before the window opened is handed over by attach's own task, queued after this one.
    }

    private void fallBack(String why) {
        System.err.println("parley: " + why + "; back to the console");
        new Thread(this::useConsole, "parley-ui-fallback").start();
    }

    @Override
    public synchronized void attach(Call call) {
        calls.add(call);
        if (shown == null) show(call);
    }

    @Override
    public synchronized void detach(Call call) {
        calls.remove(call);
        if (call != shown) return;
        stopShowing();
        if (!calls.isEmpty()) show(calls.get(0));
    }

    /** Starts decoding the call's media, then hands its roster and history to the window. Holds the lock. */
    private void show(Call call) {
        shown = call;
        media = new MediaFeed(call.bus(), decoders, feeds);
        List<Participant> roster = call.roster();
        List<ChatMessage> history = call.history();
        MediaFeed m = media;
        onWindow(w -> w.show(call, roster, history, m));
    }

    private void stopShowing() {
        if (media != null) media.close();
        media = null;
        shown = null;
        onWindow(ConferenceWindow::showNoCall);
    }

    @Deactivate
    synchronized void deactivate() {
        closed = true;
        if (media != null) media.close();
        media = null;
        shown = null;
        calls.clear();
        SwingUtilities.invokeLater(() -> {
            if (window != null) window.dispose();
            window = null;
        });
    }

    private void onWindow(java.util.function.Consumer<ConferenceWindow> action) {
        SwingUtilities.invokeLater(() -> {
            if (window != null) action.accept(window);
        });
    }

    // ---- call events, from the call's thread ----

    @Override
    public void joined(Participant p) { onWindow(w -> w.joined(p)); }

    @Override
    public void left(Participant p, String reason) { onWindow(w -> w.left(p, reason)); }

    @Override
    public void chat(ChatMessage m) { onWindow(w -> w.chat(m)); }

    @Override
    public void stateChanged(CallState state, String detail) { onWindow(w -> w.stateChanged(state, detail)); }

    // ---- what the window can do ----

    @Override
    public Optional<Publication> publication(MediaKind kind) {
        MediaPublisher p = publisher;
        Call c;
        synchronized (this) {
            c = shown;
        }
        return p == null || c == null ? Optional.empty() : p.publication(c.bus(), kind);
    }

    @Override
    public List<dev.parley.api.capture.PlayoutStats> playout() {
        dev.parley.api.capture.AudioPlayer p = player;
        return p == null ? List.of() : p.stats();
    }

    @Override public List<RankedList.Ranked<MediaSource>> sources() { return sources.ranked(); }

    @Override public List<RankedList.Ranked<FrameEncoder>> encoders() { return encoders.ranked(); }

    @Override public List<RankedList.Ranked<FrameDecoder>> decoders() { return decoders.ranked(); }

    @Override
    public void say(String text) {
        Call c;
        synchronized (this) {
            c = shown;
        }
        if (c == null) throw new IllegalStateException("not in a call");
        c.say(text);
    }

    @Override
    public void useConsole() {
        ViewSwitch s = viewSwitch;
        Runnable toConsole = () -> {
            try {
                if (s == null) throw new ViewSwitch.ViewUnavailableException("no console view is installed");
                s.show("console");
            } catch (ViewSwitch.ViewUnavailableException e) {
                LOG.warn("The window stays open: {}", e.getMessage());
            }
        };
        // Config Admin and SCR take it from here; never from the EDT, which the window's disposal needs.
        new Thread(toConsole, "parley-ui-console").start();
    }

    @Override
    public void quit() {
        new Thread(() -> {
            try {
                context.getBundle(0).stop();
            } catch (Exception e) {
                LOG.warn("Parley did not stop: {}", e.getMessage());
            }
        }, "parley-quit").start();
    }

    // ---- shell commands ----

    /** window: what the window shows, as text (tiles, roster, chat). */
    public String window() throws Exception {
        return WindowProbe.report(() -> window);
    }

    /** screenshot FILE: saves the window as a PNG picture. */
    public String screenshot(String file) throws Exception {
        return WindowProbe.screenshot(() -> window, file);
    }

    // ---- services the window lists or uses ----

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDecoder(FrameDecoder decoder, Map<String, Object> properties) { decoders.add(decoder, properties); }

    void removeDecoder(FrameDecoder decoder) { decoders.remove(decoder); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addEncoder(FrameEncoder encoder, Map<String, Object> properties) { encoders.add(encoder, properties); }

    void removeEncoder(FrameEncoder encoder) { encoders.remove(encoder); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addSource(MediaSource source, Map<String, Object> properties) { sources.add(source, properties); }

    void removeSource(MediaSource source) { sources.remove(source); }
}
