package dev.parley.codec.turbojpeg.internal;

/**
 * The codec's settings, read by sessions for every frame so a configuration change applies to running streams.
 *
 * @param quality   JPEG quality, 1 to 100
 * @param subsamp   a TJSAMP constant
 * @param maxPixels largest picture the decoder accepts
 */
public record TurboJpegSettings(int quality, int subsamp, long maxPixels) {
    public static final int DEFAULT_QUALITY = 80;
    public static final long DEFAULT_MAX_PIXELS = 4096L * 4096L;
    public static final TurboJpegSettings DEFAULTS =
            new TurboJpegSettings(DEFAULT_QUALITY, TurboJpeg.TJSAMP_420, DEFAULT_MAX_PIXELS);

    public TurboJpegSettings {
        quality = Math.max(1, Math.min(100, quality));
        if (subsamp < TurboJpeg.TJSAMP_444 || subsamp > TurboJpeg.TJSAMP_GRAY) subsamp = TurboJpeg.TJSAMP_420;
        if (maxPixels <= 0) maxPixels = DEFAULT_MAX_PIXELS;
    }

    static TurboJpegSettings of(TurboJpegConfig config) {
        return new TurboJpegSettings(config.quality(), subsampling(config.subsampling()), config.maxPixels());
    }

    /** "4:2:0" and friends (also "420"); anything else is 4:2:0. */
    static int subsampling(String name) {
        return switch (name == null ? "" : name.replace(":", "").strip().toLowerCase()) {
            case "444" -> TurboJpeg.TJSAMP_444;
            case "422" -> TurboJpeg.TJSAMP_422;
            case "gray", "grey" -> TurboJpeg.TJSAMP_GRAY;
            default -> TurboJpeg.TJSAMP_420;
        };
    }
}
