package dev.parley.relay.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.function.Consumer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web page as a plugin: a started bundle whose manifest names a folder in {@link #HEADER} ({@code Parley-Web:
 * /web}) provides the files the relay's web port serves. The plugin holds no code and the relay no page, so the page
 * comes and goes with its jar, and no shared type is needed between them. The bundle started last wins.
 */
final class BundleWebAssets extends BundleTracker<String> {
    static final String HEADER = "Parley-Web";
    private static final Logger LOG = LoggerFactory.getLogger(BundleWebAssets.class);

    private final Consumer<WebAssets> changed;
    private volatile Bundle current;

    BundleWebAssets(BundleContext context, Consumer<WebAssets> changed) {
        super(context, Bundle.ACTIVE, null);
        this.changed = changed;
    }

    @Override
    public String addingBundle(Bundle bundle, BundleEvent event) {
        String folder = bundle.getHeaders().get(HEADER);
        if (folder == null) return null;
        String root = folder.strip().replaceAll("/+$", "");
        current = bundle;
        LOG.info("Web page from {} ({}{})", bundle.getSymbolicName(), root, "/");
        changed.accept(path -> asset(bundle, root + path));
        return root;
    }

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, String root) {
        if (bundle != current) return;
        current = null;
        LOG.info("Web page of {} removed", bundle.getSymbolicName());
        changed.accept(WebAssets.NONE);
    }

    private static WebAssets.Asset asset(Bundle bundle, String entry) {
        URL url;
        try {
            url = bundle.getEntry(entry);
        } catch (IllegalStateException uninstalled) {
            return null;
        }
        if (url == null || entry.endsWith("/")) return null;
        try (InputStream in = url.openStream()) {
            return new WebAssets.Asset(in.readAllBytes(), WebAssets.contentType(entry));
        } catch (IOException e) {
            LOG.warn("Cannot read {} from {}: {}", entry, bundle.getSymbolicName(), e.toString());
            return null;
        }
    }
}
