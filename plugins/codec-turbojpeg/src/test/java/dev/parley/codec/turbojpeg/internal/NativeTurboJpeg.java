package dev.parley.codec.turbojpeg.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.parley.plugins.common.NativeLibraryProbe;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;

/** The system libturbojpeg for tests, which are skipped (not failed) on a machine without it. */
final class NativeTurboJpeg {
    private static final Optional<TurboJpeg> LIB = NativeLibraryProbe.load(TurboJpeg.NAME, TurboJpeg.class,
            TurboJpeg.FUNCTIONS, LoggerFactory.getLogger(NativeTurboJpeg.class));

    private NativeTurboJpeg() {
    }

    static TurboJpeg require() {
        assumeTrue(LIB.isPresent(), "libturbojpeg.so.0 is not installed (apt-get install libturbojpeg0): skipped");
        return LIB.get();
    }

    /** The real library behind a proxy that counts the calls of each function. */
    static final class Counting {
        final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        final TurboJpeg lib;

        Counting(TurboJpeg real) {
            lib = (TurboJpeg) Proxy.newProxyInstance(TurboJpeg.class.getClassLoader(), new Class<?>[] {TurboJpeg.class},
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
