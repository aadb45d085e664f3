package dev.parley.stages.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.service.cm.ConfigurationAdmin;
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
 * Runs one stage at a time. A stage is a set of configurations ({@link StagePlan}); switching applies the
 * difference, so the components of the old stage stop, those of the new one start, and whatever both share (the
 * relay call of stages 2, 4 and 5) stays, changed in place. A stage that cannot start (plugin missing, options
 * missing) is refused with a message, and the running stage goes on.
 */
@Component(service = StageController.class, configurationPid = StagesConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = StagesConfig.class)
public final class StageController {
    private static final Logger LOG = LoggerFactory.getLogger(StageController.class);
    /** How long {@code parley stage N} waits for its stage file and plugin to arrive before it says what is missing. */
    private static final long START_PATIENCE_MILLIS = 10_000;

    private final ConfigurationAdmin configurations;
    private final BundleContext context;
    private final List<StageDefinition> definitions = new CopyOnWriteArrayList<>();
    private final BundleListener bundles = this::bundleChanged;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "parley-stages");
        t.setDaemon(true);
        return t;
    });
    private final PrintStream out = System.out;

    private Map<String, Hashtable<String, Object>> applied = Map.of();
    private Stage current;
    private SessionOptions session;
    /** The stage asked for at start, while its file or plugin has not arrived yet. */
    private String pending;

    @Activate
    public StageController(@Reference ConfigurationAdmin configurations, BundleContext context, StagesConfig config) {
        this.configurations = configurations;
        this.context = context;
        this.session = SessionOptions.of(config);
        if (config.stage().isBlank()) joinTheRunningClient(configurations);
        context.addBundleListener(bundles);
        if (!config.stage().isBlank()) {
            synchronized (this) {
                pending = config.stage().strip();
            }
            timer.execute(this::startPending);
            timer.schedule(this::givingUp, START_PATIENCE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Started in {@code parley client} rather than {@code parley stage}: the session is the client's (its relay,
     * name, room and security), and its call is what a relay stage changes in place, so {@code stage 4} in a client
     * just works.
     */
    private void joinTheRunningClient(ConfigurationAdmin admin) {
        try {
            org.osgi.service.cm.Configuration[] found = admin.listConfigurations("(service.pid=" + Stage.Transport.RELAY.pid + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) return;
            java.util.Dictionary<String, Object> p = found[0].getProperties();
            Map<String, String> o = new java.util.LinkedHashMap<>();
            for (String key : List.of("name", "room")) if (p.get(key) != null) o.put(key, String.valueOf(p.get(key)));
            if (p.get("server") != null) o.put("server", p.get("server") + ":" + p.get("port"));
            if (Boolean.FALSE.equals(p.get("tls"))) o.put("plaintext", "true");
            if (p.get("trust") != null && !String.valueOf(p.get("trust")).isBlank()) o.put("trust", String.valueOf(p.get("trust")));
            session = session.with(o, Stage.Transport.RELAY);
            Hashtable<String, Object> running = new Hashtable<>();
            for (java.util.Enumeration<String> k = p.keys(); k.hasMoreElements(); ) {
                String key = k.nextElement();
                if (!key.startsWith("service.") && !key.startsWith("felix.")) running.put(key, p.get(key));
            }
            applied = Map.of(Stage.Transport.RELAY.pid, running);
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            LOG.debug("No client configuration to start stages from", e);
        }
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(bundles);
        timer.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDefinition(StageDefinition d) {
        definitions.add(d);
        timer.execute(this::startPending);
    }

    void removeDefinition(StageDefinition d) {
        definitions.remove(d);
    }

    private void bundleChanged(BundleEvent e) {
        if (e.getType() == BundleEvent.STARTED) timer.execute(this::startPending);
    }

    /** Starts the stage asked for at start once everything it needs is here. */
    private synchronized void startPending() {
        if (pending == null) return;
        Stage stage = find(pending);
        if (stage == null || !pluginPresent(stage)) return;
        pending = null;
        try {
            say(apply(stage, session));
        } catch (StageException e) {
            say("* stage " + stage.id() + " cannot start: " + e.getMessage());
        }
    }

    private synchronized void givingUp() {
        if (pending == null) return;
        Stage stage = find(pending);
        say("* stage " + pending + " cannot start yet: " + (stage == null ? noSuchStage(pending) : missingPlugin(stage)));
    }

    /** {@code stage N [options]}: switches to stage N, keeping the session's identity and connection where it can. */
    public synchronized String switchTo(String id, Map<String, String> options) {
        Stage stage = find(id);
        if (stage == null) throw new StageException(noSuchStage(id));
        if (!pluginPresent(stage)) throw new StageException(missingPlugin(stage));
        pending = null;
        return apply(stage, session.with(options, stage.transport()));
    }

    private Stage find(String id) {
        for (Stage s : stages()) if (s.id().equals(id)) return s;
        return null;
    }

    private Map<String, Hashtable<String, Object>> applyPlan(StagePlan plan) {
        try {
            for (String pid : applied.keySet()) {
                if (!plan.configurations().containsKey(pid)) configurations.getConfiguration(pid, "?").delete();
            }
            for (Map.Entry<String, Hashtable<String, Object>> e : plan.configurations().entrySet()) {
                // Unchanged configurations are left alone: their components keep running untouched.
                if (!e.getValue().equals(applied.get(e.getKey()))) {
                    configurations.getConfiguration(e.getKey(), "?").update(e.getValue());
                }
            }
        } catch (IOException e) {
            throw new StageException("Config Admin failed: " + e.getMessage());
        }
        return Map.copyOf(plan.configurations());
    }

    private String apply(Stage stage, SessionOptions options) {
        StagePlan plan = StagePlan.of(stage, options);
        Stage before = current;
        applied = applyPlan(plan);
        current = stage;
        session = options;
        String line = "* stage " + stage.id() + " (" + stage.title() + "): " + plan.summary();
        LOG.info("Stage {} -> {}: {}", before == null ? "none" : before.id(), stage.id(), plan.summary());
        return line;
    }

    /** {@code stage}: every stage known, the running one marked. */
    public String list() {
        List<Stage> all = stages();
        if (all.isEmpty()) return "no stages: put parley.stage-N.cfg files into config/stages/";
        Stage now;
        synchronized (this) {
            now = current;
        }
        StringBuilder b = new StringBuilder("stages (* running):");
        for (Stage s : all) {
            b.append(String.format("%n%s %-3s %-42s %-5s %s", s.equals(now) ? "*" : " ", s.id(), s.title(),
                    s.transport().label(), s.mediaLabel()));
            if (!pluginPresent(s)) b.append("  [needs ").append(s.plugin().isEmpty() ? s.requires() : s.plugin()).append(']');
        }
        return b.toString();
    }

    /** Known stages in order; when two files give the same id the first wins. */
    List<Stage> stages() {
        List<Stage> out = new ArrayList<>();
        for (StageDefinition d : definitions) {
            Stage s = d.stage();
            if (out.stream().noneMatch(x -> x.id().equals(s.id()))) out.add(s);
        }
        out.sort(Stage::compare);
        return out;
    }

    private boolean pluginPresent(Stage s) {
        if (s.requires().isEmpty()) return true;
        for (Bundle b : context.getBundles()) {
            if (Objects.equals(b.getSymbolicName(), s.requires()) && b.getState() == Bundle.ACTIVE) return true;
        }
        return false;
    }

    private String noSuchStage(String id) {
        List<String> ids = stages().stream().map(Stage::id).toList();
        return "there is no stage " + id + (ids.isEmpty() ? " (no stage files in config/stages/)" : "; stages are " + String.join(", ", ids));
    }

    /**
     * What to do about a stage whose plugin is missing: copy it from the distribution's extras/ when it ships
     * there, else put the jar that came with the stage file into plugins/.
     */
    private String missingPlugin(Stage s) {
        String jar = s.plugin().isEmpty() ? "the jar of bundle " + s.requires() : s.plugin();
        String now = current == null ? "" : "; stage " + current.id() + " goes on";
        String home = System.getProperty("parley.home");
        boolean shipped = !s.plugin().isEmpty() && home != null
                && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(home, "extras", s.plugin()));
        String what = shipped ? "copy extras/" + s.plugin() + " into plugins/"
                : "put " + jar + " (it comes with the stage file from whoever made stage " + s.id() + ") into plugins/";
        return "stage " + s.id() + " needs the plugin " + jar + " (bundle " + s.requires() + "), which is not installed: "
                + what + " and try again" + now;
    }

    private void say(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
