package dev.parley.launcher;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * Embeds Felix: a fresh framework cache per run, every jar of {@code bundle/} installed, the profile's
 * configurations handed to Config Admin, and {@code plugins/} and {@code config/stages/} watched by FileInstall.
 */
final class FelixHost {
    /** Bundles started before the others, each for a reason the framework cannot express as a dependency. */
    private static final List<String> FIRST = List.of(
            // A service-loader extender: must be active before any bundle first asks SLF4J for a logger.
            "org.apache.aries.spifly.dynamic.bundle",
            // The SLF4J provider, registered through that extender, before anything logs.
            "slf4j.simple",
            // The profile's configurations go in before any component that needs them starts.
            "org.apache.felix.configadmin");

    /** Set once every bundle of the profile has been started; read by the console's piped shell lines. */
    static final String STARTED_PROPERTY = "parley.started";

    private final Path home;
    private final Profile profile;
    private final boolean interactive;
    private Framework framework;
    private Path storage;

    FelixHost(Path home, Profile profile, boolean interactive) {
        this.home = home;
        this.profile = profile;
        this.interactive = interactive;
    }

    Framework framework() { return framework; }

    void start() throws Exception {
        storage = Files.createTempDirectory("parley-felix-");
        Map<String, String> props = new HashMap<>();
        props.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        props.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Path plugins = home.resolve("plugins");
        Files.createDirectories(plugins);
        // Stage files are factory configurations (config/stages/parley.stage-N.cfg): a stage added there shows up live.
        Path stages = home.resolve("config").resolve("stages");
        Files.createDirectories(stages);
        props.put("felix.fileinstall.dir", plugins + "," + stages);
        // FileInstall takes bundles and stage files; the launcher merges every other settings file (ConfigFiles), so
        // that a PID.cfg in plugins/ overrides single keys instead of replacing the whole configuration.
        props.put("felix.fileinstall.filter", ".*\\.jar|.*-.*\\.cfg");
        // The files are the source of truth: never write configuration changes back into them.
        props.put("felix.fileinstall.enableConfigSave", "false");
        props.put("felix.fileinstall.poll", "500");
        props.put("felix.fileinstall.noInitialDelay", "true");
        props.put("felix.fileinstall.log.level", "2");
        // A shell reading a closed stdin would stop the framework: only read it in a terminal.
        // Without a terminal the shell reads no console, but stays: its converters turn "43" into a bundle for
        // commands piped in as /COMMAND lines (stop 43, uninstall 43).
        props.put("gosh.args", interactive ? "--noshutdown" : "--nointeractive --noshutdown");
        if (!interactive) props.put("gosh.home", storage.toString());

        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
        framework = factory.newFramework(props);
        framework.init();
        trace("framework initialised");
        BundleContext context = framework.getBundleContext();
        java.util.Set<String> wanted = ProfileBundles.read(home.resolve("profiles").resolve(profile.name + ".bndrun"));
        List<Bundle> bundles = install(context, home.resolve("bundle"), wanted);
        framework.start();
        trace("bundles installed");

        for (String name : FIRST) {
            for (Bundle b : bundles) if (b.getSymbolicName().equals(name)) startQuietly(b);
        }
        ConfigFiles files = new ConfigFiles(home);
        Map<String, Hashtable<String, Object>> merged = new LinkedHashMap<>();
        profile.configurations.forEach((pid, values) -> merged.put(pid, files.merged(pid, values)));
        for (String pid : files.pids()) {
            if (!merged.containsKey(pid) && !ConfigFiles.gated(pid)) merged.put(pid, files.merged(pid, Map.of()));
        }
        ConfigurationWriter.apply(context, merged);
        trace("configurations applied");
        files.watch(pid -> reapply(files, pid, merged));
        for (Bundle b : bundles) {
            if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null && b.getState() != Bundle.ACTIVE) {
                startQuietly(b);
                trace("started " + b.getSymbolicName());
            }
        }
        // Every bundle has been started: lines piped in as shell commands may run now (StdinChat waits for this).
        System.setProperty(STARTED_PROPERTY, "true");
    }

    /** A {@code config/PID.cfg} changed: hands the profile's configuration for that PID, merged anew, to Config Admin. */
    private void reapply(ConfigFiles files, String pid, Map<String, Hashtable<String, Object>> applied) {
        boolean ours = profile.configurations.containsKey(pid);
        if (!ours && ConfigFiles.gated(pid)) return;
        try {
            Thread.sleep(200); // an editor's save may come as several writes
            Hashtable<String, Object> values = files.merged(pid, ours ? profile.configurations.get(pid) : Map.of());
            synchronized (applied) {
                if (values.equals(applied.get(pid))) return;
                if (values.isEmpty() && !ours) {
                    applied.remove(pid);
                    ConfigurationWriter.delete(framework.getBundleContext(), pid);
                    System.err.println("[INFO] parley: settings of " + pid + " removed; its defaults apply");
                    return;
                }
                applied.put(pid, values);
            }
            ConfigurationWriter.apply(framework.getBundleContext(), Map.of(pid, values));
            System.err.println("[INFO] parley: applied the settings of " + pid);
        } catch (Exception e) {
            System.err.println("[WARN] parley: could not apply config/" + pid + ".cfg: " + e.getMessage());
        }
    }

    /** Installs the jars of {@code dir} whose symbolic name is {@code wanted} (all of them when it is null). */
    private static List<Bundle> install(BundleContext context, Path dir, java.util.Set<String> wanted)
            throws IOException, BundleException {
        List<Path> jars;
        try (Stream<Path> s = Files.list(dir)) {
            jars = s.filter(p -> p.toString().endsWith(".jar")).sorted(Comparator.comparing(Path::toString)).toList();
        }
        if (jars.isEmpty()) throw new IllegalStateException("no bundles in " + dir);
        List<Bundle> bundles = new ArrayList<>();
        for (Path jar : jars) {
            // reference: makes Felix read the jar in place instead of copying it into the cache on every start.
            if (wanted != null && !wanted.contains(ProfileBundles.symbolicName(jar))) continue;
            bundles.add(context.installBundle("reference:" + jar.toUri()));
        }
        return bundles;
    }

    private static void startQuietly(Bundle b) {
        try {
            b.start();
        } catch (BundleException e) {
            System.err.println("[ERROR] Bundle " + b.getSymbolicName() + " did not start: " + e.getMessage());
        }
    }

    /** Waits for the relay service and returns its port, or -1 if none came up in time. */
    int awaitRelayPort(long timeoutMillis) throws Exception {
        BundleContext context = framework.getBundleContext();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            ServiceReference<?> ref = context.getServiceReference("dev.parley.api.call.RelayStatus");
            if (ref != null) {
                Object relay = context.getService(ref);
                try {
                    Class<?> type = Class.forName("dev.parley.api.call.RelayStatus", false, relay.getClass().getClassLoader());
                    return (Integer) type.getMethod("port").invoke(relay);
                } finally {
                    context.ungetService(ref);
                }
            }
            Thread.sleep(10);
        }
        return -1;
    }

    /** With -Dparley.trace.startup=true, prints how long each start-up step took. */
    static void trace(String step) {
        if (Boolean.getBoolean("parley.trace.startup")) System.err.println("[startup] " + sinceJvmStart() + " ms " + step);
    }

    /** Milliseconds since the JVM started. */
    static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    void stop() {
        try {
            if (framework != null && (framework.getState() & (Bundle.ACTIVE | Bundle.STARTING)) != 0) {
                framework.stop();
                framework.waitForStop(10_000);
            }
        } catch (Exception e) {
            System.err.println("[WARN] Parley did not stop cleanly: " + e);
        } finally {
            deleteStorage();
        }
    }

    private void deleteStorage() {
        if (storage == null) return;
        try (Stream<Path> s = Files.walk(storage)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover cache in the temp folder does no harm.
        }
    }
}
