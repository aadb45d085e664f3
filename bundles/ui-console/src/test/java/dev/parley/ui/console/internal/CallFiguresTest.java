package dev.parley.ui.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.parley.api.MediaBus;
import dev.parley.api.MediaKind;
import dev.parley.api.StreamKey;
import dev.parley.api.StreamStats;
import dev.parley.api.call.Call;
import dev.parley.api.call.CallState;
import dev.parley.api.capture.PlayoutStats;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallFiguresTest {
    @Test
    void eachRemoteAudioStreamGetsAPlayoutLineWithItsSkewAgainstTheSendersVideo() {
        StreamKey bob = new StreamKey(2, MediaKind.AUDIO, 0);
        StreamKey bobVideo = new StreamKey(2, MediaKind.VIDEO, 1);
        MediaBus bus = mock(MediaBus.class);
        when(bus.stats()).thenReturn(List.of(new StreamStats(bob, "bob", "opus;rate=16000", 500, 30_000, 500, 0, 50.0,
                24.0, 31_000, 45_000), new StreamStats(bobVideo, "bob", "jpeg", 150, 3_000_000, 150, 0, 15.0, 1600.0,
                40_000, 70_000)));
        Call call = mock(Call.class);
        when(call.name()).thenReturn("alice");
        when(call.room()).thenReturn("lab");
        when(call.state()).thenReturn(CallState.CONNECTED);
        when(call.roundTripMicros()).thenReturn(1_500L);
        when(call.bus()).thenReturn(bus);

        String text = CallFigures.of(call, List.of(
                new PlayoutStats(bob, "bob", 1.25, 20, 40, 480, 3, 7, 62.5),
                new PlayoutStats(new StreamKey(3, MediaKind.AUDIO, 1), "carol", 0, 0, 20, 0, 0, 0, -1)));

        assertEquals(String.join(System.lineSeparator(),
                "call alice in lab: connected, rtt 1.5 ms",
                "  2 bob            audio  50.0 fps    24.0 kbit/s  latency p50 31.0 ms p99 45.0 ms  drops 0  opus;rate=16000",
                "  2 bob            video  15.0 fps  1600.0 kbit/s  latency p50 40.0 ms p99 70.0 ms  drops 0  jpeg",
                "  2 bob            play  jitter 1.3 ms  buffer 20 ms (target 40)  latency 62.5 ms  played 480  late 3  concealed 7"
                        + "  a/v -23 ms",
                "  3 carol          play#1 jitter 0.0 ms  buffer 0 ms (target 20)  latency -  played 0  late 0  concealed 0"),
                text);
    }
}
