package dev.parley.ui.swing.internal;

import dev.parley.api.StreamStats;
import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Font;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * One participant: the picture, and under it a caption with the name, live frame rate and latency, and the audio
 * level meter. EDT only.
 */
final class VideoTile extends JPanel {
    private static final Color CAPTION = new Color(0x26, 0x2A, 0x31);
    private final ParticipantFeed feed;
    private final boolean self;
    private final PictureView picture;
    private final JLabel name = new JLabel();
    private final JLabel figures = new JLabel("");
    private final LevelMeter meter = new LevelMeter();

    VideoTile(ParticipantFeed feed, boolean self) {
        super(new BorderLayout());
        this.feed = feed;
        this.self = self;
        this.picture = new PictureView(feed);
        setBorder(BorderFactory.createLineBorder(new Color(0x3A, 0x3F, 0x47), 2));
        JPanel caption = new JPanel(new BorderLayout(8, 0));
        caption.setBackground(CAPTION);
        caption.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        name.setForeground(Color.WHITE);
        name.setFont(name.getFont().deriveFont(Font.BOLD, 13f));
        figures.setForeground(new Color(0xC8, 0xCC, 0xD2));
        figures.setFont(figures.getFont().deriveFont(Font.PLAIN, 12f));
        JPanel right = new JPanel(new BorderLayout(8, 0));
        right.setOpaque(false);
        right.add(figures, BorderLayout.CENTER);
        right.add(meter, BorderLayout.EAST);
        caption.add(name, BorderLayout.WEST);
        caption.add(right, BorderLayout.EAST);
        add(picture, BorderLayout.CENTER);
        add(caption, BorderLayout.SOUTH);
        feed.onRepaint(picture::repaint);
        refresh(null, "");
    }

    ParticipantFeed feed() { return feed; }

    boolean self() { return self; }

    /** Updates the caption from the stream's counters (null before any frame) and the overlay note. */
    void refresh(StreamStats video, String overlay) {
        name.setText(feed.name() + (self ? " (you)" : ""));
        if (video == null) {
            figures.setText("no video yet");
        } else {
            String latency = video.latencyP50Micros() < 0 ? "latency -" : String.format("%.0f ms", video.latencyP50Micros() / 1000.0);
            figures.setText(String.format("%.1f fps  %s", video.fps(), latency));
        }
        picture.overlay(overlay);
    }

    /** Shows the feed's latest audio level (called by the meter timer). */
    void showLevel() {
        meter.show(feed.level());
    }

    String figuresText() { return figures.getText(); }

    /** The note over the picture ("camera muted"), empty for none. */
    String note() { return picture.overlay(); }

    long painted() { return picture.painted(); }

    double levelDecibels() { return meter.rmsDecibels(); }
}
