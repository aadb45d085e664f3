package dev.parley.ui.console.internal;

import dev.parley.api.call.Call;
import dev.parley.api.call.Participant;
import dev.parley.api.call.RelayStatus;
import dev.parley.api.capture.AudioPlayer;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Gogo shell commands: {@code say}, {@code who}, {@code stats}, {@code quit}. Missing parts are said, not thrown. */
@Component(service = ConsoleCommands.class, property = {
        "osgi.command.scope=parley",
        "osgi.command.function=say",
        "osgi.command.function=who",
        "osgi.command.function=stats",
        "osgi.command.function=vm",
        "osgi.command.function=quit"})
public final class ConsoleCommands {
    private final BundleContext context;
    private volatile Call call;
    private volatile RelayStatus relay;
    private volatile AudioPlayer player;

    @Activate
    public ConsoleCommands(BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCall(Call c) { call = c; }

    void unsetCall(Call c) { if (call == c) call = null; }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setRelay(RelayStatus r) { relay = r; }

    void unsetRelay(RelayStatus r) { if (relay == r) relay = null; }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setPlayer(AudioPlayer p) { player = p; }

    void unsetPlayer(AudioPlayer p) { if (player == p) player = null; }

    /** say TEXT: sends a chat line to the room. */
    public String say(String... words) {
        Call c = call;
        if (c == null) return "not in a call: start Parley with the client profile";
        String text = String.join(" ", words).strip();
        if (text.isEmpty()) return "usage: say TEXT";
        c.say(text);
        return null;
    }

    /** who: the participants in the room. */
    public String who() {
        Call c = call;
        if (c == null) return relayMembers();
        StringBuilder b = new StringBuilder("room " + c.room() + " (" + c.state().name().toLowerCase() + "):");
        for (Participant p : c.roster()) b.append("\n  ").append(p).append(p.self() ? " (you)" : "");
        return b.toString();
    }

    /** stats: live figures of every stream and of remote audio playout, and of the relay if one runs here. */
    public String stats() {
        StringBuilder b = new StringBuilder();
        Call c = call;
        if (c != null) {
            AudioPlayer p = player;
            b.append(CallFigures.of(c, p == null ? List.of() : p.stats()));
            if (!c.protection().isEmpty()) b.append(b.length() == 0 ? "" : "\n").append("connection: ").append(c.protection());
        }
        if (relay != null) b.append(b.length() == 0 ? "" : "\n").append(relayMembers());
        return b.length() == 0 ? "nothing running: no call and no relay" : b.toString();
    }

    private String relayMembers() {
        RelayStatus r = relay;
        if (r == null) return "not in a call and no relay here";
        RelayStatus.Totals t = r.totals();
        StringBuilder b = new StringBuilder("relay on port " + r.port() + ", " + r.members().size() + " members; since start "
                + t.joined() + " joined, dropped " + t.tooSlow() + " too slow and " + t.idle() + " idle, "
                + t.protocolErrors() + " protocol errors, " + t.relayErrors() + " relay errors:");
        for (RelayStatus.MemberStats m : r.members()) {
            b.append(String.format("%n  %3d %-16s room %-10s in %7d out %7d video replaced %5d audio dropped %5d in flight %d of %d%s",
                    m.id(), m.name(), m.room(), m.framesIn(), m.framesOut(), m.videoReplaced(), m.audioDropped(),
                    m.videoInFlight(), m.videoWindow(), m.throttled() > 0 ? ", slowed " + m.throttled() + " times" : ""));
        }
        return b.toString();
    }

    /**
     * vm: live threads, the heap in use after garbage collection and the classes loaded, to watch for leaks (plugins
     * dropped in and out, views swapped) while a call goes on: a plugin whose class loader something still holds
     * after it is uninstalled keeps all its classes, so the count grows with every reinstall.
     */
    public String vm() {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) memory.gc();
        long heap = memory.getHeapMemoryUsage().getUsed();
        int threads = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
        int classes = java.lang.management.ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
        return String.format("vm: %d threads, heap used after GC %d KiB, %d classes loaded, %d bundles", threads,
                heap / 1024, classes, context.getBundles().length);
    }

    /** quit: leaves the call and stops Parley. */
    public void quit() throws BundleException {
        context.getBundle(0).stop();
    }
}
