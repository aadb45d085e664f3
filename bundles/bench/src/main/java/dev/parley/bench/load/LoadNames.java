package dev.parley.bench.load;

/**
 * How load participants are named: {@code load-7}, or {@code load-7-slow} and {@code load-7-stalled}, so the other
 * participants can tell who sent a frame and the relay's figures tell the kinds of reader apart.
 */
public final class LoadNames {
    private LoadNames() {
    }

    /** A participant's name: {@code load-7}, or {@code load-7-slow} and {@code load-7-stalled}, so the relay's figures tell them apart. */
    static String name(int index, Role role) {
        return "load-" + index + (role == Role.FAST ? "" : "-" + role.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** The index in a participant's name, or -1 if it is not a load participant. */
    public static int indexOf(String name) {
        if (!name.startsWith("load-")) return -1;
        int end = 5;
        while (end < name.length() && Character.isDigit(name.charAt(end))) end++;
        if (end == 5 || end - 5 > 6) return -1;
        return Integer.parseInt(name.substring(5, end));
    }

    /** Whether a participant of that name reads everything as it arrives. */
    public static boolean keepsUp(String name) {
        return indexOf(name) >= 0 && name.indexOf('-', 5) < 0;
    }
}
