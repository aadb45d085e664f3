package dev.parley.bench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** CPU time and resident memory of a process (this one or another on the same machine), as the OS counts them. */
final class ProcessFigures {
    private final long pid;

    ProcessFigures(long pid) {
        this.pid = pid;
    }

    static ProcessFigures self() {
        return new ProcessFigures(ProcessHandle.current().pid());
    }

    /** CPU time used so far by all the process's threads, in nanoseconds; -1 if the OS does not say. */
    long cpuNanos() {
        if (pid < 0) return -1;
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.flatMap(h -> h.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
    }

    /** Resident set size in bytes (Linux {@code /proc}); -1 elsewhere. */
    long residentBytes() {
        if (pid < 0) return -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or the process is gone: say we do not know.
        }
        return -1;
    }
}
