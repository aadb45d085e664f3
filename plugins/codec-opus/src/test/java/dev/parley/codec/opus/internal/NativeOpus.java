package dev.parley.codec.opus.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.plugins.common.NativeLibraryProbe;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/** The system libopus for tests, which are skipped (not failed) on a machine without it. */
final class NativeOpus {
    private static final Optional<Opus> LIB = NativeLibraryProbe.load(Opus.NAME, Opus.class, Opus.FUNCTIONS,
            LoggerFactory.getLogger(NativeOpus.class));

    private NativeOpus() {
    }

    static Opus require() {
        assumeTrue(LIB.isPresent(), "libopus.so.0 is not installed (apt-get install libopus0): skipped");
        return LIB.get();
    }

    /** The real library behind a proxy that counts the calls of each function. */
    static final class Counting {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final Opus lib;

        Counting(Opus real) {
            lib = (Opus) Proxy.newProxyInstance(Opus.class.getClassLoader(), new Class<?>[] {Opus.class},
                    (proxy, method, args) -> {
                        calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        int count(String function) {
            AtomicInteger n = calls.get(function);
            return n == null ? 0 : n.get();
        }
    }
}
