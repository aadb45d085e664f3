/**
 * The Parley wire protocol: frame layout, message payloads, limits and errors, as Netty codecs. The contract is
 * {@code docs/PROTOCOL.md}; this package is its Java implementation, shared by the relay, the client and peers.
 */
@Export
@Version("1.1.0")
package dev.parley.protocol;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
