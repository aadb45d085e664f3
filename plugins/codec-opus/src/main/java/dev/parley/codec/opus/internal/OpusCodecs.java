package dev.parley.codec.opus.internal;

import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import dev.parley.plugins.common.CodecRegistrations;
import dev.parley.plugins.common.NativeLibraryProbe;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes the system libopus when the bundle starts and, only if it loads, registers the Opus {@link FrameEncoder}
 * and {@link FrameDecoder} (codec {@code opus}, ranking {@value #RANKING}, above PCM's 0). Without the library it
 * says so in one line and registers nothing, so PCM goes on serving.
 */
@Component(service = {}, immediate = true, configurationPid = OpusConfig.PID)
@Designate(ocd = OpusConfig.class)
public final class OpusCodecs {
    static final int RANKING = 10;
    static final String MISSING = "libopus not found (install libopus0); Opus codec not registered";
    private static final Logger LOG = LoggerFactory.getLogger(OpusCodecs.class);

    private final CodecRegistrations registrations;
    private volatile OpusSettings settings;

    @Activate
    public OpusCodecs(BundleContext context, OpusConfig config) {
        this(context, config, () -> NativeLibraryProbe.load(Opus.NAME, Opus.class, Opus.FUNCTIONS, LOG));
    }

    OpusCodecs(BundleContext context, OpusConfig config, Supplier<Optional<Opus>> library) {
        this.settings = new OpusSettings(config.bitrate());
        Optional<Opus> lib = library.get();
        if (lib.isEmpty()) {
            LOG.warn(MISSING);
            registrations = CodecRegistrations.none();
            return;
        }
        registrations = CodecRegistrations.register(context, new OpusEncoder(lib.get(), () -> settings),
                new OpusDecoder(lib.get()), RANKING);
        LOG.info("Opus codec registered ({} bit/s, ranking {})", settings.bitrate(), RANKING);
    }

    /** A new bit rate applies from the next frame of every running stream. */
    @Modified
    void modified(OpusConfig config) {
        settings = new OpusSettings(config.bitrate());
    }

    @Deactivate
    void deactivate() {
        registrations.close();
        NativeLibraryProbe.release(Opus.class, LOG);
    }

    boolean registered() {
        return registrations.registered();
    }

    OpusSettings settings() {
        return settings;
    }
}
