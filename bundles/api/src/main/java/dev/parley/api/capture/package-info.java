/** Capture SPI: media sources (camera, test pattern, microphone, tone) and audio sinks. */
@Export
@Version("1.4.0")
package dev.parley.api.capture;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
