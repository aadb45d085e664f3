/** Calls: a connection of a local bus to a relay or peer, its roster and chat. */
@Export
@Version("1.2.0")
package dev.parley.api.call;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
