package dev.parley.stages.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.MediaKind;
import java.lang.annotation.Annotation;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StageTest {
    /** A stage file's values, as Config Admin hands them over (FileInstall's .cfg values are strings). */
    private static StageConfig config(String id, String transport, String media, String components) {
        return new StageConfig() {
            @Override public Class<? extends Annotation> annotationType() { return StageConfig.class; }
            @Override public String id() { return id; }
            @Override public String title() { return " Title "; }
            @Override public String transport() { return transport; }
            @Override public String media() { return media; }
            @Override public int plainTextPort() { return 0; }
            @Override public String requires() { return ""; }
            @Override public String plugin() { return ""; }
            @Override public String components() { return components; }
            @Override public String videoSource() { return " test-pattern "; }
            @Override public String audioSource() { return ""; }
            @Override public String videoCodec() { return "jpeg"; }
            @Override public String audioCodec() { return ""; }
            @Override public int videoWidth() { return 320; }
            @Override public int videoHeight() { return 240; }
            @Override public int fps() { return 10; }
            @Override public int sampleRate() { return 48000; }
        };
    }

    @Test
    void mediaAreReadFromACommaSeparatedListAndTextIsAlwaysOn() {
        Stage s = Stage.of(config("5", "relay", "video, AUDIO", ""));
        assertEquals(EnumSet.of(MediaKind.VIDEO, MediaKind.AUDIO, MediaKind.TEXT), s.media());
        assertEquals(Stage.Transport.RELAY, s.transport());
        assertEquals("Title", s.title());
        assertEquals(new Stage.Choice("test-pattern", "", "jpeg", "", 320, 240, 10, 48000), s.choice());
    }

    @Test
    void componentsAreAListOfPids() {
        assertEquals(List.of("a.b", "c.d"), Stage.of(config("6", "relay", "text", " a.b ,c.d,")).components());
    }

    @Test
    void aBadTransportOrMediumIsRefusedWithTheStagesId() {
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class, () -> Stage.of(config("7", "pigeon", "text", "")));
        assertTrue(t.getMessage().contains("stage 7") && t.getMessage().contains("pigeon"), t.getMessage());
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class, () -> Stage.of(config("7", "relay", "smell", "")));
        assertTrue(m.getMessage().contains("smell"), m.getMessage());
    }

    @Test
    void numberedStagesSortByNumberBeforeNamedOnes() {
        List<String> ids = Stream.of("10", "bot", "2", "1").map(id -> Stage.of(config(id, "none", "text", "")))
                .sorted(Stage::compare).map(Stage::id).toList();
        assertEquals(List.of("1", "2", "10", "bot"), ids);
    }
}
