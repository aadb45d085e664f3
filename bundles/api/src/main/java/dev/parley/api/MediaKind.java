package dev.parley.api;

/** What a frame carries. The bus and the relay apply a queueing policy per kind. */
public enum MediaKind {
    /** Video frames: newest frame per stream wins when a receiver falls behind. */
    VIDEO,
    /** Audio frames: a short bounded queue; the oldest frame goes when it is full. */
    AUDIO,
    /** Chat text: never dropped. */
    TEXT
}
