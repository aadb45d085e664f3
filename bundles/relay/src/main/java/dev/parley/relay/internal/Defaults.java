package dev.parley.relay.internal;

import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/** Reflection helpers for settings: an annotation's defaults as an instance, a record built from named values. */
final class Defaults {
    private Defaults() {
    }

    /** An instance of a configuration annotation that answers every method with its declared default. */
    @SuppressWarnings("unchecked")
    static <A> A of(Class<A> annotation) {
        return (A) Proxy.newProxyInstance(annotation.getClassLoader(), new Class<?>[] {annotation}, (proxy, method, args) -> {
            Object d = method.getDefaultValue();
            if (d != null) return d;
            return switch (method.getName()) {
                case "annotationType" -> annotation;
                case "toString" -> annotation.getSimpleName() + " defaults";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new IllegalStateException(method + " has no default");
            };
        });
    }

    /** A record of type {@code type} with its components taken by name from {@code values}. */
    static <R extends Record> R record(Class<R> type, Map<String, Object> values) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            args[i] = values.get(components[i].getName());
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName() + " from " + values, e);
        }
    }
}
