package dev.parley.client.internal;

import dev.parley.api.MediaBus;
import dev.parley.api.MediaKind;
import dev.parley.api.capture.AudioPlayer;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.LocalMedia;
import dev.parley.api.capture.MediaPublisher;
import dev.parley.api.codec.MediaFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local media as switches over the best publisher and audio player present: what a stage's media flags turn on.
 * Holds the {@code parley.media} settings; sessions started without settings of their own follow every change
 * of them, so a stage switch or an edited settings file changes what is sent without touching the call.
 */
@Component(service = LocalMedia.class, configurationPid = MediaConfig.PID)
@Designate(ocd = MediaConfig.class)
public final class SwitchableMedia implements LocalMedia {
    private static final Logger LOG = LoggerFactory.getLogger(SwitchableMedia.class);

    private final MediaPublisher publisher;
    private final AudioPlayer player;
    /** Sessions that follow the configuration. */
    private final Set<Switches> following = ConcurrentHashMap.newKeySet();
    private volatile Settings configured;

    @Activate
    public SwitchableMedia(@Reference MediaPublisher publisher, @Reference AudioPlayer player, MediaConfig config) {
        this.publisher = publisher;
        this.player = player;
        this.configured = settingsOf(config);
    }

    /** New media settings: every following session changes what it sends, the calls stay as they are. */
    @Modified
    void modified(MediaConfig config) {
        Settings s = settingsOf(config);
        synchronized (following) {
            configured = s;
            for (Switches session : following) session.update(s);
        }
    }

    static Settings settingsOf(MediaConfig c) {
        return new Settings(c.video(), c.audio(), c.videoWidth(), c.videoHeight(), c.fps(), c.sampleRate(),
                c.videoSource(), c.audioSource(), c.videoCodec(), c.audioCodec());
    }

    @Override
    public Session start(MediaBus bus, String participantName, Settings settings) {
        Switches s = new Switches(bus, participantName);
        s.update(settings);
        return s;
    }

    @Override
    public Session start(MediaBus bus, String participantName) {
        Switches s = new Switches(bus, participantName);
        synchronized (following) {
            following.add(s);
            s.update(configured);
        }
        return s;
    }

    /** One participant's publications; every change under its own lock. */
    private final class Switches implements Session {
        private final MediaBus bus;
        private final String name;
        private Settings current;
        private MediaPublisher.Publication video;
        private MediaPublisher.Publication audio;
        private AutoCloseable playout;

        Switches(MediaBus bus, String name) {
            this.bus = bus;
            this.name = name;
        }

        @Override
        public synchronized void update(Settings s) {
            boolean videoFormatChanged = current != null && (current.videoWidth() != s.videoWidth()
                    || current.videoHeight() != s.videoHeight() || current.fps() != s.fps());
            if (video != null && (!s.video() || videoFormatChanged)) {
                video = closeQuietly(video);
                LOG.info("{} stopped sending video", name);
            }
            if (s.video() && video == null) {
                video = publisher.start(bus, MediaKind.VIDEO, new CaptureSpec(name,
                        MediaFormat.video(s.videoWidth(), s.videoHeight(), s.fps())));
            }
            // Preferences change on the running publication: the source or encoder is swapped, the stream goes on.
            if (video != null) prefer(video, s.videoSource(), s.videoCodec());
            boolean audioFormatChanged = current != null && current.sampleRate() != s.sampleRate();
            if (audio != null && (!s.audio() || audioFormatChanged)) {
                audio = closeQuietly(audio);
                playout = closeQuietly(playout);
                LOG.info("{} stopped sending and playing audio", name);
            }
            if (s.audio() && audio == null) {
                audio = publisher.start(bus, MediaKind.AUDIO, new CaptureSpec(name, MediaFormat.audio(s.sampleRate(), 1, 20)));
                playout = player.start(bus);
            }
            if (audio != null) prefer(audio, s.audioSource(), s.audioCodec());
            current = s;
        }

        @Override
        public synchronized void close() {
            following.remove(this);
            video = closeQuietly(video);
            audio = closeQuietly(audio);
            playout = closeQuietly(playout);
        }
    }

    private static void prefer(MediaPublisher.Publication p, String source, String codec) {
        if (!p.preferredSource().equals(source)) p.preferSource(source);
        if (!p.preferredCodec().equals(codec)) p.preferCodec(codec);
    }

    private static <T extends AutoCloseable> T closeQuietly(T c) {
        if (c == null) return null;
        try {
            c.close();
        } catch (Exception e) {
            LOG.debug("Closing {} failed", c, e);
        }
        return null;
    }
}
