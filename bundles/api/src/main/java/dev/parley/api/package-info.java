/** Media frames, their kinds and the in-process media bus that carries them. */
@Export
@Version("1.0.0")
package dev.parley.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
