/** User interfaces: views that show a call and can be swapped while it runs. */
@Export
@Version("1.2.0")
package dev.parley.api.ui;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
