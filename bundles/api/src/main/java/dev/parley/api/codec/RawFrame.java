package dev.parley.api.codec;

/** Decoded media: what sources produce, encoders take and decoders give back. */
public sealed interface RawFrame permits VideoImage, AudioSamples {
}
