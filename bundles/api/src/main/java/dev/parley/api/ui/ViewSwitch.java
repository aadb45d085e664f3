package dev.parley.api.ui;

import org.osgi.annotation.versioning.ProviderType;

import java.util.List;

/**
 * Chooses which view shows the calls: one at a time, while the calls go on. Each view is a component gated by the
 * configuration {@code parley.ui.NAME} (see {@link ConferenceView#PID_PREFIX}); choosing a view creates its
 * configuration and deletes the others'.
 */
@ProviderType
public interface ViewSwitch {
    /** Names of the views installed now, for example {@code console} and {@code swing}, sorted. */
    List<String> installed();

    /** Names of the views chosen now: normally one, none before the first choice. */
    List<String> chosen();

    /**
     * Shows the calls in the named view and turns the others off. Returns at once; the view attaches shortly after.
     *
     * @throws ViewUnavailableException when no such view is installed or it cannot run here (no display); the
     *                                  message is one line for people
     */
    void show(String name) throws ViewUnavailableException;

    /** A view that cannot be shown; the message says why, in one line. */
    final class ViewUnavailableException extends Exception {
        private static final long serialVersionUID = 1L;

        public ViewUnavailableException(String message) {
            super(message);
        }
    }
}
