package dev.parley.plugins.common;

import dev.parley.api.MediaKind;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * A codec's encoder and decoder, registered by hand (not by DS) because whether they exist at all depends on a
 * native library loading. Both carry {@link FrameEncoder#PROP_CODEC}, {@link FrameEncoder#PROP_KIND} and a ranking.
 */
public final class CodecRegistrations implements AutoCloseable {
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    private CodecRegistrations() {
    }

    /** Nothing registered: the library is missing. */
    public static CodecRegistrations none() {
        return new CodecRegistrations();
    }

    public static CodecRegistrations register(BundleContext context, FrameEncoder encoder, FrameDecoder decoder,
                                              int ranking) {
        CodecRegistrations r = new CodecRegistrations();
        r.registrations.add(context.registerService(FrameEncoder.class, encoder,
                properties(encoder.codec(), encoder.kind(), ranking)));
        r.registrations.add(context.registerService(FrameDecoder.class, decoder,
                properties(decoder.codec(), decoder.kind(), ranking)));
        return r;
    }

    public boolean registered() {
        return !registrations.isEmpty();
    }

    /** Unregisters both services; harmless if the framework already did, as it does for a stopping bundle. */
    @Override
    public void close() {
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // nothing left to do
            }
        }
        registrations.clear();
    }

    private static Hashtable<String, Object> properties(String codec, MediaKind kind, int ranking) {
        Hashtable<String, Object> p = new Hashtable<>();
        p.put(FrameEncoder.PROP_CODEC, codec);
        p.put(FrameEncoder.PROP_KIND, kind.name());
        p.put(Constants.SERVICE_RANKING, ranking);
        return p;
    }
}
