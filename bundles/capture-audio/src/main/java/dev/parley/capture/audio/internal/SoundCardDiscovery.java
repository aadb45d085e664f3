package dev.parley.capture.audio.internal;

import dev.parley.api.capture.AudioSink;
import dev.parley.api.capture.MediaSource;
import dev.parley.api.codec.FrameEncoder;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for a sound card on a background thread (mixer enumeration can be slow) and registers a
 * {@link SoundCardSource} and a {@link SoundCardSink}, ranked {@value #RANKING} above the tone and the null sink,
 * for whichever of capture and playback lines the machine has in 16-bit mono. Without sound hardware there are no
 * mixers, or {@code getLine} throws IllegalArgumentException: then nothing is registered and one line says so.
 *
 * <p>Configuration PID {@value #PID}: {@code enabled} (default true), {@code bufferFrames} (line buffer in 20 ms
 * frames, 2 to 4, default 3).
 */
@Component(immediate = true, configurationPid = SoundCardDiscovery.PID)
@Designate(ocd = SoundCardDiscovery.Config.class)
public final class SoundCardDiscovery {
    public static final String PID = "parley.capture.audio.soundcard";
    static final int RANKING = 10;
    static final String NO_SOUND_CARD = "no sound card found; audio uses the tone source and the null sink";
    private static final Logger LOG = LoggerFactory.getLogger(SoundCardDiscovery.class);

    @ObjectClassDefinition(name = "Parley sound card", description = "Microphone and speaker through javax.sound.sampled")
    public @interface Config {
        @AttributeDefinition(description = "Use the sound card when there is one")
        boolean enabled() default true;

        @AttributeDefinition(description = "Line buffer size in frames (2 to 4); smaller is less delay, larger fewer gaps")
        int bufferFrames() default 3;
    }

    /** Which lines the machine has. */
    record Lines(boolean capture, boolean playback) {
    }

    private final BundleContext context;
    private final Config config;
    private final Thread discovery;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private boolean deactivated;

    @Activate
    public SoundCardDiscovery(BundleContext context, Config config) {
        this.context = context;
        this.config = config;
        this.discovery = new Thread(this::discover, "parley-soundcard-discovery");
        discovery.setDaemon(true);
        discovery.start();
    }

    @Deactivate
    synchronized void deactivate() {
        deactivated = true;
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework unregistered it while stopping the bundle
            }
        }
        registrations.clear();
    }

    private void discover() {
        if (!config.enabled()) {
            LOG.info("the sound card is disabled ({}); audio uses the tone source and the null sink", PID);
            return;
        }
        Lines lines = probe();
        if (!lines.capture() && !lines.playback()) {
            LOG.info(NO_SOUND_CARD);
            return;
        }
        register(lines, Math.max(2, Math.min(4, config.bufferFrames())));
    }

    /** Asks javax.sound for 16 kHz mono capture and playback lines, without opening them. */
    static Lines probe() {
        try {
            if (AudioSystem.getMixerInfo().length == 0) {
                return new Lines(false, false);
            }
            return new Lines(hasLine(TargetDataLine.class), hasLine(SourceDataLine.class));
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("sound system unavailable", e);
            return new Lines(false, false);
        }
    }

    private static boolean hasLine(Class<? extends Line> type) {
        try {
            AudioSystem.getLine(new DataLine.Info(type, AudioFrames.soundFormat(AudioFrames.DEFAULT_RATE)));
            return true;
        } catch (IllegalArgumentException | SecurityException | LineUnavailableException e) {
            return false;
        }
    }

    private synchronized void register(Lines lines, int bufferFrames) {
        if (deactivated) {
            return;
        }
        if (lines.capture()) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(MediaSource.PROP_SOURCE, SoundCardSource.ID);
            properties.put(FrameEncoder.PROP_KIND, "AUDIO");
            properties.put(Constants.SERVICE_RANKING, RANKING);
            registrations.add(context.registerService(MediaSource.class, new SoundCardSource(bufferFrames), properties));
        }
        if (lines.playback()) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(AudioSink.PROP_SINK, SoundCardSink.ID);
            properties.put(Constants.SERVICE_RANKING, RANKING);
            registrations.add(context.registerService(AudioSink.class, new SoundCardSink(bufferFrames), properties));
        }
        LOG.info("sound card found: capture {}, playback {}", lines.capture() ? "yes" : "no", lines.playback() ? "yes" : "no");
    }
}
