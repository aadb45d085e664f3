package dev.parley.client.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which codecs this participant may send with: the names every other current member of the room decodes, from
 * their CODECS messages (PROTOCOL.md, codec agreement). A member that never announced is taken to decode the
 * codecs every Parley participant has. Thread-safe; the call's event loop feeds it.
 */
final class CodecAgreement {
    /** What every Parley participant decodes: the core bundles' codecs. */
    static final Set<String> BASELINE = Set.of("jpeg", "pcm-s16le");

    private final Set<Integer> others = new HashSet<>();
    private final Map<Integer, Set<String>> decodes = new HashMap<>();

    synchronized void joined(int participant) {
        others.add(participant);
    }

    synchronized void left(int participant) {
        others.remove(participant);
        decodes.remove(participant);
    }

    synchronized void announced(int participant, Iterable<String> codecs) {
        Set<String> names = new HashSet<>();
        codecs.forEach(names::add);
        decodes.put(participant, Set.copyOf(names));
    }

    /** A new connection: the room will be told anew. */
    synchronized void reset() {
        others.clear();
        decodes.clear();
    }

    /** The codec names every other member decodes, or null when this participant is alone (anything goes). */
    synchronized Set<String> allowed() {
        if (others.isEmpty()) return null;
        Set<String> allowed = null;
        for (int p : others) {
            Set<String> theirs = decodes.getOrDefault(p, BASELINE);
            if (allowed == null) allowed = new HashSet<>(theirs);
            else allowed.retainAll(theirs);
        }
        return Set.copyOf(allowed);
    }
}
