package dev.parley.codec.opus.internal;

/** The encoder's target bit rate, read for every frame so a configuration change applies to running streams. */
public record OpusSettings(int bitrate) {
    public static final int DEFAULT_BITRATE = 24000;
    public static final int MIN_BITRATE = 6000;
    public static final int MAX_BITRATE = 510000;
    public static final OpusSettings DEFAULTS = new OpusSettings(DEFAULT_BITRATE);

    public OpusSettings {
        bitrate = Math.max(MIN_BITRATE, Math.min(MAX_BITRATE, bitrate));
    }
}
