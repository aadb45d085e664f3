package dev.parley.ui.swing.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.MediaFrame;
import dev.parley.api.MediaKind;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.swing.SwingUtilities;
import org.junit.jupiter.api.Test;

class VideoGridTest {
    @Test
    void everyParticipantGetsATileWithTheLocalPreviewFirstAndOneWhoLeftLosesIt() throws Exception {
        AtomicInteger announced = new AtomicInteger();
        Feeds feeds = new Feeds(announced::incrementAndGet);
        feeds.add(3, "carol");
        feeds.add(MediaFrame.LOCAL, "alice");
        feeds.add(2, "bob");
        ChatPanelTest.onEdt(() -> {
            VideoGrid grid = new VideoGrid();
            grid.sync(feeds.all());
            assertEquals(List.of("alice", "bob", "carol"), grid.tiles().stream().map(t -> t.feed().name()).sorted().toList());
            assertTrue(grid.tiles().stream().filter(VideoTile::self).allMatch(t -> t.feed().sender() == MediaFrame.LOCAL));
            assertEquals(3, grid.getComponentCount());
            feeds.remove(3);
            grid.sync(feeds.all());
            assertEquals(2, grid.getComponentCount());
        });
        SwingUtilities.invokeAndWait(() -> { });
        assertTrue(announced.get() >= 1, "the EDT hears of participants coming and going");
    }

    @Test
    void lateFramesFromSomeoneWhoLeftDoNotBringTheirTileBack() {
        Feeds feeds = new Feeds(() -> { });
        feeds.add(2, "bob");
        feeds.remove(2);
        MediaFrame late = MediaFrame.builder(MediaKind.VIDEO).sender(2).senderName("bob").payload(new byte[1]).build();
        assertEquals(null, feeds.forFrame(late));
        assertEquals(List.of(), feeds.all());
    }
}
