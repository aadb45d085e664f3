package dev.parley.demo.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.call.CallListener;
import dev.parley.api.call.ChatMessage;
import dev.parley.api.call.Participant;
import dev.parley.api.call.ParticipantConnector;
import dev.parley.api.call.RelayStatus;
import dev.parley.api.capture.AudioPlayer;
import dev.parley.api.capture.MediaPublisher;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * exchange test-pattern video, tone audio and scripted chat. Once a second it prints one line per stream; every chat
 * line is printed as it arrives.
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
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final ComponentServiceObjects<MediaBus> buses;
    private final List<SyntheticParticipant> participants = new ArrayList<>();
    private final List<MediaBus> ownedBuses = new ArrayList<>();
    private final ScheduledExecutorService timer;
    private final PrintStream out = System.out;

    @Activate
    public DemoComponent(@Reference(scope = ReferenceScope.PROTOTYPE_REQUIRED) ComponentServiceObjects<MediaBus> buses,
                         @Reference ParticipantConnector connector, @Reference MediaPublisher publisher,
                         @Reference AudioPlayer player, @Reference RelayStatus relay, DemoConfig config) {
        this.buses = buses;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-demo");
            t.setDaemon(true);
            return t;
        });
        println("Parley demo: " + config.names().length + " participants on the relay at port " + relay.port()
                + " in room " + config.room() + " (Ctrl-C or 'quit' to stop)");
        for (String name : config.names()) {
            MediaBus bus = buses.getService();
            ownedBuses.add(bus);
            participants.add(new SyntheticParticipant(name.strip(), bus, relay.port(), config.room(), config.fps(),
                    connector, publisher, player));
        }
        // Chat as the first participant sees it: everyone else's lines as they arrive, and its own.
        participants.get(0).call.addListener(new CallListener() {
            @Override
            public void chat(ChatMessage m) {
                println("[" + TIME.format(Instant.ofEpochMilli(m.timeMicros() / 1000)) + "] " + m);
            }

            @Override
            public void joined(Participant p) {
                println("* " + p + " joined");
            }

            @Override
            public void left(Participant p, String reason) {
                println("* " + p + " left (" + reason + ")");
            }
        });
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
        timer.shutdownNow();
        participants.forEach(SyntheticParticipant::close);
        ownedBuses.forEach(buses::ungetService);
    }
}
