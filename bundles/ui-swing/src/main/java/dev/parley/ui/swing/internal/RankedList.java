package dev.parley.ui.swing.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Services of one type as DS binds and unbinds them, best first (highest {@code service.ranking}, then the oldest).
 * Writers copy; readers on any thread (media threads, the EDT) see an immutable snapshot without locking.
 */
final class RankedList<T> {
    /** One service with the two properties that order it. */
    record Ranked<T>(T service, int ranking, long serviceId) {
    }

    private volatile List<Ranked<T>> entries = List.of();

    synchronized void add(T service, Map<String, ?> properties) {
        List<Ranked<T>> next = new ArrayList<>(entries);
        next.removeIf(r -> r.service == service);
        next.add(new Ranked<>(service, number(properties, "service.ranking", 0).intValue(),
                number(properties, "service.id", Long.MAX_VALUE).longValue()));
        next.sort(Comparator.comparingInt((Ranked<T> r) -> -r.ranking).thenComparingLong(Ranked::serviceId));
        entries = List.copyOf(next);
    }

    synchronized void remove(T service) {
        List<Ranked<T>> next = new ArrayList<>(entries);
        next.removeIf(r -> r.service == service);
        entries = List.copyOf(next);
    }

    List<Ranked<T>> all() {
        return entries;
    }

    Optional<T> best(Predicate<T> filter) {
        for (Ranked<T> r : entries) if (filter.test(r.service)) return Optional.of(r.service);
        return Optional.empty();
    }

    private static Number number(Map<String, ?> properties, String key, Number fallback) {
        Object v = properties == null ? null : properties.get(key);
        return v instanceof Number n ? n : fallback;
    }
}
