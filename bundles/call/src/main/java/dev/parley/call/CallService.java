package dev.parley.call;

import dev.parley.api.MediaBus;
import dev.parley.api.call.Call;
import dev.parley.api.call.CallListener;
import dev.parley.api.call.CallListeners;
import dev.parley.api.call.CallState;
import dev.parley.api.call.ChatMessage;
import dev.parley.api.call.Participant;
import dev.parley.api.capture.LocalMedia;
import java.util.List;
import java.util.function.Function;

/**
 * The local participant as a {@link Call} service that outlives its calls: a component (the relay client, the
 * peer-to-peer stages) extends it, and when its configuration names another place to meet ({@code K}: a relay and
 * room, a peer's address) it {@linkplain #moveTo moves} the same service to a new call. Views and consoles stay
 * attached, since their listeners are this service's, and the local media keep running (they follow the
 * {@code parley.media} settings on their own).
 *
 * @param <K> where the call meets the others; equal values mean the same call
 */
public abstract class CallService<K> implements Call {
    private final CallListeners listeners = new CallListeners();
    private final Function<K, Call> open;
    private final LocalMedia.Session media;
    private volatile Call call;
    private K where;

    /**
     * Opens the first call and starts the local media.
     *
     * @param where  where to meet
     * @param open   opens (and starts) a call to a place
     * @param name   the participant's name, for the media
     * @param media  the local media
     * @param bus    the participant's bus
     */
    protected CallService(K where, Function<K, Call> open, String name, LocalMedia media, MediaBus bus) {
        this.open = open;
        this.where = where;
        this.call = opened(where);
        this.media = media.start(bus, name);
    }

    private Call opened(K place) {
        Call c = open.apply(place);
        c.addListener(listeners);
        return c;
    }

    /** The configuration changed: a new place leaves the running call and opens one there; the same place is kept. */
    protected final synchronized void moveTo(K wanted) {
        if (wanted.equals(where)) return;
        Call old = call;
        old.removeListener(listeners);
        old.leave();
        where = wanted;
        call = opened(wanted);
    }

    /** The component goes: media stop, the call is left. */
    protected final synchronized void close() {
        media.close();
        call.leave();
    }

    @Override public final String name() { return call.name(); }
    @Override public final String room() { return call.room(); }
    @Override public final CallState state() { return call.state(); }
    @Override public final int localId() { return call.localId(); }
    @Override public final List<Participant> roster() { return call.roster(); }
    @Override public final List<ChatMessage> history() { return call.history(); }
    @Override public final MediaBus bus() { return call.bus(); }
    @Override public final void say(String text) { call.say(text); }
    @Override public final long roundTripMicros() { return call.roundTripMicros(); }
    @Override public final String protection() { return call.protection(); }
    @Override public final void addListener(CallListener listener) { listeners.add(listener); }
    @Override public final void removeListener(CallListener listener) { listeners.remove(listener); }
    @Override public final void leave() { call.leave(); }
}
