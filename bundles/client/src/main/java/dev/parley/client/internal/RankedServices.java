package dev.parley.client.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Services of one type ordered best first: highest {@code service.ranking}, then the oldest (lowest
 * {@code service.id}), as the OSGi framework ranks them. Thread-safe.
 */
final class RankedServices<T> {
    private record Entry<T>(T service, int ranking, long id) {
    }

    private static final Comparator<Entry<?>> BEST_FIRST =
            Comparator.comparingInt((Entry<?> e) -> -e.ranking).thenComparingLong(e -> e.id);

    private final List<Entry<T>> entries = new ArrayList<>();

    synchronized void add(T service, Map<String, ?> properties) {
        entries.removeIf(e -> e.service == service);
        entries.add(new Entry<>(service, intProperty(properties, "service.ranking"), longProperty(properties, "service.id")));
        entries.sort(BEST_FIRST);
    }

    synchronized void remove(T service) {
        entries.removeIf(e -> e.service == service);
    }

    synchronized List<T> all() {
        List<T> out = new ArrayList<>(entries.size());
        for (Entry<T> e : entries) out.add(e.service);
        return out;
    }

    synchronized int ranking(T service) {
        for (Entry<T> e : entries) if (e.service == service) return e.ranking;
        return 0;
    }

    /** The best service that matches and is not excluded. */
    synchronized Optional<T> best(Predicate<T> filter) {
        for (Entry<T> e : entries) if (filter.test(e.service)) return Optional.of(e.service);
        return Optional.empty();
    }

    private static int intProperty(Map<String, ?> p, String key) {
        Object v = p == null ? null : p.get(key);
        return v instanceof Number n ? n.intValue() : 0;
    }

    private static long longProperty(Map<String, ?> p, String key) {
        Object v = p == null ? null : p.get(key);
        return v instanceof Number n ? n.longValue() : Long.MAX_VALUE;
    }
}
