package dev.parley.relay.internal;

import java.util.Locale;

/**
 * The files the relay's web port serves: the browser page and its assets, brought by a plugin (see
 * {@link BundleWebAssets}). The relay itself carries none, so the page comes and goes with its plugin.
 */
interface WebAssets {
    /** No page installed: the WebSocket endpoint still works, every other path is 404. */
    WebAssets NONE = path -> null;

    /** One file and the Content-Type it is served with. */
    record Asset(byte[] bytes, String contentType) {
    }

    /**
     * @param path the request path, starting with {@code /}, already checked to hold no {@code ..}
     * @return the file, or null when there is none at that path
     */
    Asset find(String path);

    /** The Content-Type for a file name; only the kinds a page is made of, anything else is plain bytes. */
    static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".html")) return "text/html; charset=utf-8";
        if (n.endsWith(".js") || n.endsWith(".mjs")) return "text/javascript; charset=utf-8";
        if (n.endsWith(".css")) return "text/css; charset=utf-8";
        if (n.endsWith(".svg")) return "image/svg+xml";
        if (n.endsWith(".png")) return "image/png";
        if (n.endsWith(".ico")) return "image/x-icon";
        if (n.endsWith(".json")) return "application/json";
        return "application/octet-stream";
    }
}
