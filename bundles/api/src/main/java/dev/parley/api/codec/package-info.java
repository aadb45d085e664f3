/** Codec SPI: encoders and decoders registered as services with a codec id and a ranking. */
@Export
@Version("1.0.0")
package dev.parley.api.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
