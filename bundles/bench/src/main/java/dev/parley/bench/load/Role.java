package dev.parley.bench.load;

/** How a synthetic participant reads what the relay sends it. */
enum Role {
    /** Reads everything as it arrives and acknowledges each read batch. */
    FAST,
    /** Takes only a few video frames a second (a weak laptop, a busy Wi-Fi link) and acknowledges those. */
    SLOW,
    /** Reads its WELCOME, then never reads again; it keeps sending (a frozen window whose capture goes on). */
    STALLED
}
