package dev.parley.codec.turbojpeg.internal;

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
 * Probes the system libturbojpeg when the bundle starts and, only if it loads, registers the TurboJPEG
 * {@link FrameEncoder} and {@link FrameDecoder} (codec {@code jpeg}, ranking {@value #RANKING}, above ImageIO's 0).
 * Without the library it says so in one line and registers nothing, so the ImageIO codec goes on serving.
 * Registration is by hand, not by DS, because whether there is a service at all depends on the probe.
 */
@Component(service = {}, immediate = true, configurationPid = TurboJpegConfig.PID)
@Designate(ocd = TurboJpegConfig.class)
public final class TurboJpegCodecs {
    static final int RANKING = 10;
    static final String MISSING = "libturbojpeg not found (install libturbojpeg0); TurboJPEG codec not registered";
    private static final Logger LOG = LoggerFactory.getLogger(TurboJpegCodecs.class);

    private final CodecRegistrations registrations;
    private volatile TurboJpegSettings settings;

    @Activate
    public TurboJpegCodecs(BundleContext context, TurboJpegConfig config) {
        this(context, config, () -> NativeLibraryProbe.load(TurboJpeg.NAME, TurboJpeg.class, TurboJpeg.FUNCTIONS, LOG));
    }

    TurboJpegCodecs(BundleContext context, TurboJpegConfig config, Supplier<Optional<TurboJpeg>> library) {
        this.settings = TurboJpegSettings.of(config);
        Optional<TurboJpeg> lib = library.get();
        if (lib.isEmpty()) {
            LOG.warn(MISSING);
            registrations = CodecRegistrations.none();
            return;
        }
        Supplier<TurboJpegSettings> current = () -> settings;
        registrations = CodecRegistrations.register(context, new TurboJpegEncoder(lib.get(), current),
                new TurboJpegDecoder(lib.get(), current), RANKING);
        LOG.info("TurboJPEG codec registered (quality {}, ranking {})", settings.quality(), RANKING);
    }

    /** Quality and subsampling changes apply from the next frame of every running stream. */
    @Modified
    void modified(TurboJpegConfig config) {
        settings = TurboJpegSettings.of(config);
    }

    @Deactivate
    void deactivate() {
        registrations.close();
        NativeLibraryProbe.release(TurboJpeg.class, LOG);
    }

    boolean registered() {
        return registrations.registered();
    }

    TurboJpegSettings settings() {
        return settings;
    }
}
