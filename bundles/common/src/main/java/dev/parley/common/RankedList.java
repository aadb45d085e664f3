package dev.parley.common;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Services of one type as DS binds and unbinds them, best first: highest {@code service.ranking}, then the oldest
 * (lowest {@code service.id}), as the framework ranks them. Writers copy; readers on any thread (media threads, the
 * EDT, the shell) see an immutable snapshot without locking.
 *
 * <p>Why not DS's own sorted field injection: the users need the ranking itself (menus and {@code devices} show it,
 * a publication re-chooses when it changes) and a choice among the services that pass a filter.
 */
public final class RankedList<T> {
    /** One service with the two properties that order it. */
    public record Ranked<T>(T service, int ranking, long serviceId) {
    }

    private static final Comparator<Ranked<?>> BEST_FIRST =
            Comparator.comparingInt((Ranked<?> r) -> -r.ranking()).thenComparingLong(Ranked::serviceId);

    private volatile List<Ranked<T>> entries = List.of();

    /** A service arrived, or its properties changed. */
    public synchronized void add(T service, Map<String, ?> properties) {
        List<Ranked<T>> next = new ArrayList<>(entries);
        next.removeIf(r -> r.service() == service);
        next.add(new Ranked<>(service, number(properties, "service.ranking", 0).intValue(),
                number(properties, "service.id", Long.MAX_VALUE).longValue()));
        next.sort(BEST_FIRST);
        entries = List.copyOf(next);
    }

    public synchronized void remove(T service) {
        List<Ranked<T>> next = new ArrayList<>(entries);
        next.removeIf(r -> r.service() == service);
        entries = List.copyOf(next);
    }

    /** Every service with its ranking, best first. */
    public List<Ranked<T>> ranked() {
        return entries;
    }

    /** Every service, best first. */
    public List<T> all() {
        return entries.stream().map(Ranked::service).toList();
    }

    /** The ranking of a service present, else 0. */
    public int ranking(T service) {
        for (Ranked<T> r : entries) if (r.service() == service) return r.ranking();
        return 0;
    }

    /** The best service that passes the filter. */
    public Optional<T> best(Predicate<T> filter) {
        for (Ranked<T> r : entries) if (filter.test(r.service())) return Optional.of(r.service());
        return Optional.empty();
    }

    private static Number number(Map<String, ?> properties, String key, Number fallback) {
        Object v = properties == null ? null : properties.get(key);
        return v instanceof Number n ? n : fallback;
    }
}
