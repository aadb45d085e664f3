package dev.parley.demo.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.call.Call;
import dev.parley.api.call.ConnectOptions;
import dev.parley.api.call.ParticipantConnector;
import dev.parley.api.call.RelayStatus;
import dev.parley.api.capture.AudioPlayer;
import dev.parley.api.capture.MediaPublisher;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.ComponentServiceObjects;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceScope;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code parley demo}: synthetic participants, each with its own bus, join the relay running in this process and
 * exchange test-pattern video, tone audio and scripted chat. Once a second it prints one line per stream. The first
 * participant's call is registered as the {@link Call} service, so the views show its chat and roster.
 */
@Component(configurationPid = DemoConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true,
        service = {})
@Designate(ocd = DemoConfig.class)
public final class DemoComponent {
    private static final String[] SCRIPT = {
            "hello everyone, can you see my test pattern?",
            "loud and clear, your frame counter is moving",
            "the tone is a bit high but it plays",
            "latency looks fine from here",
            "let's try dropping a codec plugin in later",
            "see you at the next stage"};

    private final ComponentServiceObjects<MediaBus> buses;
    private final List<SyntheticParticipant> participants = new ArrayList<>();
    private final List<MediaBus> ownedBuses = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private final PrintStream out = System.out;
    private final ServiceRegistration<Call> callRegistration;

    @Activate
    public DemoComponent(@Reference(scope = ReferenceScope.PROTOTYPE_REQUIRED) ComponentServiceObjects<MediaBus> buses,
                         @Reference ParticipantConnector connector, @Reference MediaPublisher publisher,
                         @Reference AudioPlayer player, @Reference RelayStatus relay, DemoConfig config,
                         BundleContext context) {
        this.buses = buses;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-demo");
            t.setDaemon(true);
            return t;
        });
        String fingerprint = relay.certificateFingerprint();
        ConnectOptions.Security security = fingerprint.isEmpty() ? ConnectOptions.Security.PLAINTEXT
                : new ConnectOptions.Security(true, fingerprint, "", false);
        println("Parley demo: " + config.names().length + " participants on the relay at port " + relay.port()
                + " in room " + config.room() + (fingerprint.isEmpty() ? ", in plaintext" : ", over TLS")
                + " (Ctrl-C or 'quit' to stop)");
        for (String name : config.names()) {
            MediaBus bus = buses.getService();
            ownedBuses.add(bus);
            participants.add(new SyntheticParticipant(name.strip(), bus, relay.port(), config.room(), config.fps(),
                    connector, publisher, player, security));
        }
        // The first participant is the one a user sits at: views (console, desktop) and shell commands show its call.
        callRegistration = context.registerService(Call.class, participants.get(0).call,
                new Hashtable<>(Map.of("parley.demo", Boolean.TRUE)));
        DemoReport report = new DemoReport(out);
        timer.scheduleAtFixedRate(() -> report.print(participants), config.statsIntervalMillis(),
                config.statsIntervalMillis(), TimeUnit.MILLISECONDS);
        if (config.chatIntervalMillis() > 0) {
            AtomicInteger line = new AtomicInteger();
            timer.scheduleAtFixedRate(() -> {
                int n = line.getAndIncrement();
                participants.get(n % participants.size()).call.say(SCRIPT[n % SCRIPT.length]);
            }, config.chatIntervalMillis() / 2, config.chatIntervalMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void println(String s) {
        synchronized (out) {
            out.println(s);
            out.flush();
        }
    }

    @Deactivate
    void deactivate() {
        callRegistration.unregister();
        timer.shutdownNow();
        participants.forEach(SyntheticParticipant::close);
        ownedBuses.forEach(buses::ungetService);
    }
}
