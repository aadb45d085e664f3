package dev.parley.ui.swing.internal;

import java.awt.Color;
import java.awt.Dimension;
import java.awt.Graphics;
import java.awt.Graphics2D;
import javax.swing.JComponent;

/**
 * A horizontal audio level bar on a decibel scale: the RMS level as a filled bar, green to amber to red, and the
 * peak as a line that falls back slowly. EDT only; {@link #show} is called by a timer.
 */
final class LevelMeter extends JComponent {
    private static final double PEAK_FALL_PER_UPDATE = 0.02;
    private double rms;
    private double peak;

    LevelMeter() {
        setPreferredSize(new Dimension(90, 10));
        setOpaque(false);
        setToolTipText("audio level");
    }

    /** Shows a new level; the peak mark holds the loudest recent value and decays. */
    void show(AudioLevel level) {
        rms = AudioLevel.meterPosition(level.rms());
        peak = Math.max(AudioLevel.meterPosition(level.peak()), peak - PEAK_FALL_PER_UPDATE);
        repaint();
    }

    /** The level shown, in dB, for reports. */
    double rmsDecibels() {
        return (rms - 1) * -AudioLevel.FLOOR_DB;
    }

    @Override
    protected void paintComponent(Graphics g0) {
        Graphics2D g = (Graphics2D) g0;
        int w = getWidth(), h = getHeight();
        g.setColor(new Color(255, 255, 255, 40));
        g.fillRect(0, 0, w, h);
        int filled = (int) Math.round(rms * w);
        g.setColor(rms > 0.9 ? new Color(0xE0, 0x45, 0x3A) : rms > 0.75 ? new Color(0xE8, 0xB3, 0x30) : new Color(0x4C, 0xC2, 0x6A));
        g.fillRect(0, 0, filled, h);
        int p = (int) Math.round(peak * (w - 2));
        if (p > 0) {
            g.setColor(Color.WHITE);
            g.fillRect(p, 0, 2, h);
        }
    }
}
