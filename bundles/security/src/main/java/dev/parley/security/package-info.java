/**
 * Security of Parley connections: TLS with self-signed certificates and trust on first use, room passphrases,
 * end-to-end media encryption. Used by the relay, the client, peer-to-peer stages and the web view; not an SPI.
 */
@Export
@Version("1.1.0")
package dev.parley.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
