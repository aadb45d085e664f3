package dev.parley.ui.swing.internal;

/**
 * How loud one audio frame is, as fractions of full scale of 16-bit PCM.
 *
 * @param rms  root mean square of the samples, 0 to 1
 * @param peak largest absolute sample, 0 to 1
 */
record AudioLevel(double rms, double peak) {
    static final AudioLevel SILENCE = new AudioLevel(0, 0);
    /** The quietest level a meter shows; anything below reads as silence. */
    static final double FLOOR_DB = -60;

    static AudioLevel of(short[] samples) {
        if (samples.length == 0) return SILENCE;
        double sumOfSquares = 0;
        int peak = 0;
        for (short s : samples) {
            sumOfSquares += (double) s * s;
            peak = Math.max(peak, Math.abs((int) s));
        }
        return new AudioLevel(Math.sqrt(sumOfSquares / samples.length) / 32768.0, peak / 32768.0);
    }

    /** A fraction of full scale in decibels, never below {@link #FLOOR_DB}. */
    static double decibels(double fraction) {
        return fraction <= 0 ? FLOOR_DB : Math.max(FLOOR_DB, 20 * Math.log10(fraction));
    }

    /** Where a fraction of full scale sits on a meter from {@link #FLOOR_DB} (0) to 0 dB (1). */
    static double meterPosition(double fraction) {
        return 1 - decibels(fraction) / FLOOR_DB;
    }
}
