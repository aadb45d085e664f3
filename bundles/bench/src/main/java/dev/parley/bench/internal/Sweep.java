package dev.parley.bench.internal;

import java.util.ArrayList;
import java.util.List;

/** The sizes of a sweep, {@code FROM:TO:STEP} (TO included even when the steps miss it). */
final class Sweep {
    private Sweep() {
    }

    static List<Integer> parse(String sweep, int single) {
        if (sweep == null || sweep.isBlank()) return List.of(single);
        String[] parts = sweep.trim().split(":");
        try {
            if (parts.length != 3) throw new NumberFormatException();
            int from = Integer.parseInt(parts[0]);
            int to = Integer.parseInt(parts[1]);
            int step = Integer.parseInt(parts[2]);
            if (from < 2 || to < from || step < 1) throw new NumberFormatException();
            List<Integer> sizes = new ArrayList<>();
            for (int n = from; n <= to; n += step) sizes.add(n);
            if (sizes.get(sizes.size() - 1) != to) sizes.add(to);
            return sizes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sweep takes FROM:TO:STEP participants, FROM at least 2 (like 10:64:6), not '" + sweep + "'");
        }
    }
}
