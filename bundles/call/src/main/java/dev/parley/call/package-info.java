/**
 * The call core: what a Parley call does whatever it travels over. {@link dev.parley.call.CallCore} keeps the
 * roster, the chat history and the lines waiting for a connection, estimates the other side's clock, acknowledges
 * the video it reads and windows the video it sends ({@link dev.parley.call.OutgoingVideo}), and turns wire frames
 * into bus frames and back. A transport (the relay client, the peer-to-peer stages) extends it and keeps only its
 * handshake and its connection. Shared by Parley's own bundles; not an SPI for plugins.
 */
@Export
@Version("1.0.0")
package dev.parley.call;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
