package dev.parley.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line: a profile name followed by {@code --key value} or {@code --flag} options. */
final class Options {
    final String profile;
    private final Map<String, String> values = new LinkedHashMap<>();
    final List<String> positional = new ArrayList<>();

    private Options(String profile) {
        this.profile = profile;
    }

    static Options parse(String[] args) {
        Options o = new Options(args.length == 0 ? "help" : args[0]);
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                String key = a.substring(2);
                int eq = key.indexOf('=');
                if (eq >= 0) {
                    o.values.put(key.substring(0, eq), key.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    o.values.put(key, args[++i]);
                } else {
                    o.values.put(key, "true");
                }
            } else {
                o.positional.add(a);
            }
        }
        return o;
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    boolean flag(String key) {
        return Boolean.parseBoolean(values.getOrDefault(key, "false"));
    }

    int integer(String key, int fallback) {
        String v = values.get(key);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + key + " takes a number, not '" + v + "'");
        }
    }

    /** Options given that none of {@code known} names: a typo should be said, not ignored. */
    List<String> unknown(List<String> known) {
        List<String> out = new ArrayList<>();
        for (String k : values.keySet()) if (!known.contains(k)) out.add("--" + k);
        return out;
    }

    /** A mistake on the command line: printed with the usage, never as a stack trace. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
