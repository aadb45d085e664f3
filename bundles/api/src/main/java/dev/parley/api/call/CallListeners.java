package dev.parley.api.call;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A set of call listeners that is itself a listener: each event goes to every listener in the set, and one that
 * throws does not keep the event from the others. For calls to keep their listeners, and for services that stand
 * for a call that may be replaced (they register this set on whichever call is current).
 */
public final class CallListeners implements CallListener {
    private static final System.Logger LOG = System.getLogger(CallListeners.class.getName());

    private final CopyOnWriteArrayList<CallListener> listeners = new CopyOnWriteArrayList<>();

    public void add(CallListener listener) { listeners.addIfAbsent(listener); }

    public void remove(CallListener listener) { listeners.remove(listener); }

    @Override
    public void stateChanged(CallState state, String detail) {
        for (CallListener l : listeners) {
            try {
                l.stateChanged(state, detail);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    @Override
    public void joined(Participant participant) {
        for (CallListener l : listeners) {
            try {
                l.joined(participant);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    @Override
    public void left(Participant participant, String reason) {
        for (CallListener l : listeners) {
            try {
                l.left(participant, reason);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    @Override
    public void chat(ChatMessage message) {
        for (CallListener l : listeners) {
            try {
                l.chat(message);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    private static void failed(CallListener l, RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "Call listener " + l.getClass().getName() + " failed", e);
    }
}
