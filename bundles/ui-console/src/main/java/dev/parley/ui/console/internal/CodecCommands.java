package dev.parley.ui.console.internal;

import dev.parley.api.MediaKind;
import dev.parley.api.call.Call;
import dev.parley.api.codec.FrameDecoder;
import dev.parley.api.codec.FrameEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code codecs} shell command: which encoders and decoders are present (they come and go as plugin jars are
 * dropped into plugins/ and deleted), their rankings, and which codec each stream of the call uses.
 */
@Component(service = CodecCommands.class, property = {
        "osgi.command.scope=parley",
        "osgi.command.function=codecs"})
public final class CodecCommands {
    private static final String OWN_PREFIX = "dev.parley.";
    private final BundleContext context;
    private final Map<FrameEncoder, CodecListing.Codec> encoders = new LinkedHashMap<>();
    private final Map<FrameDecoder, CodecListing.Codec> decoders = new LinkedHashMap<>();
    private volatile Call call;

    @Activate
    public CodecCommands(BundleContext context) {
        this.context = context;
    }

    /** codecs: the codecs present and the codec of every stream. */
    public String codecs() {
        List<CodecListing.Codec> enc;
        List<CodecListing.Codec> dec;
        synchronized (this) {
            enc = new ArrayList<>(encoders.values());
            dec = new ArrayList<>(decoders.values());
        }
        return CodecListing.format(enc, dec, call);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addEncoder(FrameEncoder encoder, Map<String, Object> properties) {
        encoders.put(encoder, describe(encoder.codec(), encoder.kind(), properties));
    }

    synchronized void removeEncoder(FrameEncoder encoder) {
        encoders.remove(encoder);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addDecoder(FrameDecoder decoder, Map<String, Object> properties) {
        decoders.put(decoder, describe(decoder.codec(), decoder.kind(), properties));
    }

    synchronized void removeDecoder(FrameDecoder decoder) {
        decoders.remove(decoder);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCall(Call c) { call = c; }

    void unsetCall(Call c) { if (call == c) call = null; }

    private CodecListing.Codec describe(String codec, MediaKind kind, Map<String, Object> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        return new CodecListing.Codec(codec, kind, ranking instanceof Integer r ? r : 0, provider(properties));
    }

    /** The providing bundle's symbolic name, which tells ImageIO's jpeg (codec-jpeg) from TurboJPEG's. */
    private String provider(Map<String, Object> properties) {
        Object id = properties.get(Constants.SERVICE_BUNDLEID);
        Bundle b = id instanceof Long bundleId ? context.getBundle(bundleId) : null;
        if (b == null || b.getSymbolicName() == null) return "unknown bundle";
        String name = b.getSymbolicName();
        return name.startsWith(OWN_PREFIX) ? name.substring(OWN_PREFIX.length()) : name;
    }
}
