package dev.parley.bench.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** CPU time used by the threads whose names start with a prefix (the relay's event loops). */
final class ThreadCpu {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final String prefix;

    ThreadCpu(String prefix) {
        this.prefix = prefix;
    }

    /** Nanoseconds of CPU used so far by the matching live threads. */
    long nanos() {
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith(prefix)) {
                long cpu = threads.getThreadCpuTime(t.getId());
                if (cpu > 0) total += cpu;
            }
        }
        return total;
    }
}
