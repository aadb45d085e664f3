package dev.parley.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.api.call.Call;
import dev.parley.api.call.CallListener;
import dev.parley.api.call.CallState;
import dev.parley.api.ui.ConferenceView;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViewBinderTest {
    private final List<CallListener> listeners = new ArrayList<>();
    /** A call that only keeps its listeners, which is all the binder touches. */
    private final Call call = (Call) Proxy.newProxyInstance(Call.class.getClassLoader(), new Class<?>[]{Call.class},
            (proxy, method, args) -> switch (method.getName()) {
                case "addListener" -> listeners.add((CallListener) args[0]);
                case "removeListener" -> listeners.remove((CallListener) args[0]);
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> null;
            });

    @Test
    void anEventThatComesWhileAViewReadsTheCallReachesTheView() {
        List<String> seen = new ArrayList<>();
        ConferenceView view = new ConferenceView() {
            @Override
            public void attach(Call c) {
                // The relay's WELCOME lands while the view prints the roster it read as "connecting".
                List.copyOf(listeners).forEach(l -> l.stateChanged(CallState.CONNECTED, "joined"));
                seen.add("attached");
            }

            @Override
            public void detach(Call c) {
                seen.add("detached");
            }

            @Override
            public void stateChanged(CallState state, String detail) {
                seen.add(state.name().toLowerCase());
            }
        };
        ViewBinder binder = new ViewBinder();
        binder.addCall(call);
        binder.addView(view);
        assertEquals(List.of("connected", "attached"), seen);
        binder.removeView(view);
        assertEquals(List.of(), listeners, "a view that goes stops listening");
        assertEquals(List.of("connected", "attached", "detached"), seen);
    }
}
