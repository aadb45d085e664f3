package dev.parley.launcher;

import java.nio.file.Path;
import org.osgi.framework.launch.Framework;

/** {@code parley server|client|demo|stage}: starts Felix with the profile the command line names. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        boolean interactive = System.console() != null;
        Path home = Path.of(System.getProperty("parley.home", ".")).toAbsolutePath();
        Profile profile;
        try {
            profile = Profile.of(options, interactive, whyNoDisplay(), home);
        } catch (Options.UsageException e) {
            if (!e.getMessage().isEmpty()) System.err.println("parley: " + e.getMessage());
            System.err.println(Profile.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        profile.notes.forEach(System.err::println);
        configureJvm();
        if (profile.stage != null) StageFiles.installPlugin(home, profile.stage);
        for (String plugin : profile.plugins) StageFiles.installFromExtras(home, plugin, "--web");
        FelixHost host = new FelixHost(home, profile, interactive);
        Runtime.getRuntime().addShutdownHook(new Thread(host::stop, "parley-shutdown"));
        try {
            host.start();
        } catch (Exception e) {
            System.err.println("parley: could not start: " + e.getMessage());
            host.stop();
            System.exit(1);
        }
        if (profile.waitsForRelay) {
            int port = host.awaitRelayPort(10_000);
            if (port < 0) {
                System.err.println("parley: the relay did not start (is the port taken?); see the log above");
                host.stop();
                System.exit(1);
            }
            // The bench may print JSON on standard output: this line is for people.
            (profile.name.equals("bench") ? System.err : System.out).println("Parley " + profile.name
                    + " ready: relay listening on port " + port + " (" + FelixHost.sinceJvmStart() + " ms after start)");
        }
        Framework framework = host.framework();
        framework.waitForStop(0);
        // A component that failed at its job (a bench run that failed) says so through this property.
        System.exit(Integer.getInteger("parley.exitCode", 0));
    }

    /**
     * Null when windows can be opened, else the reason in a few words. The views say it with
     * {@code ConferenceView.whyNoDisplay()}; the launcher runs before the api bundle is there, so it asks itself.
     */
    private static String whyNoDisplay() {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) return "DISPLAY is not set";
        if (Boolean.getBoolean("java.awt.headless")) return "java.awt.headless is true";
        return null;
    }

    /** Defaults a user can override with -D in PARLEY_JAVA_OPTS. */
    private static void configureJvm() {
        if (System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isEmpty()) {
            System.setProperty("java.awt.headless", "true");
        }
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
        setDefault("org.slf4j.simpleLogger.log.io.netty", "warn");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) System.setProperty(key, value);
    }
}
