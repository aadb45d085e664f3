package dev.parley.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.HdrHistogram.Histogram;

/**
 * What one load run measured, from the participants' side. The load process writes it as properties; {@code parley
 * bench} reads it back and adds the relay's own figures. Latencies are in milliseconds, ratios between 0 and 1.
 *
 * @param seconds         length of the measuring window
 * @param sentVideo       video frames sent in the window by all participants together
 * @param owed            video frames the participants that keep up should have received (each from every other)
 * @param arrived         of those, the frames that arrived
 * @param delivered       arrived / owed
 * @param streamFpsMean   frames per second per (receiver, sender) stream at the participants that keep up, mean
 * @param streamFpsMin    the same, the lowest stream
 * @param latency         video latency (capture to read) at the participants that keep up: p50, p99, max
 * @param audioLatency    the same for audio, when the run sent audio (else empty)
 * @param audioDelivered  share of audio frames sent that arrived at the participants that keep up
 * @param slowFps         video frames per second each slow reader read (all streams together), mean
 * @param slowLatency     video latency at the slow readers: p50, p99, max
 * @param corrupt         frames whose content did not match their header (cut, mixed, misattributed)
 * @param outOfOrder      frames that arrived behind a later frame of the same stream
 * @param disconnected    participants whose connection the relay closed, or that broke, before the end
 * @param errors          ERROR messages the relay sent, one line each
 * @param sendSkipped     frames a participant did not send because the relay was not reading its socket
 * @param deliveredBytes  media bytes that reached all participants in the window, per second
 * @param benchCpu        CPU the load process used, in cores (1.0 = one core busy)
 */
public record LoadResult(int clients, int fast, int slow, int stalled, double seconds, long sentVideo, long owed,
                         long arrived, double delivered,
                         double streamFpsMean, double streamFpsMin, double[] latency, double[] audioLatency,
                         double audioDelivered, double slowFps, double[] slowLatency, long corrupt, long outOfOrder,
                         int disconnected, List<String> errors, long sendSkipped, double deliveredBytes, double benchCpu) {

    static LoadResult of(LoadPlan plan, List<LoadParticipant> participants, List<ReceiverTally> tallies, double seconds,
                         double benchCpu) {
        int n = participants.size();
        int[] sent = new int[n];
        long sentVideo = 0;
        for (int i = 0; i < n; i++) {
            sent[i] = participants.get(i).sentInWindow();
            sentVideo += sent[i];
        }
        long expected = 0;
        long arrived = 0;
        double fpsSum = 0;
        double fpsMin = Double.MAX_VALUE;
        int streams = 0;
        long audio = 0;
        long bytes = 0;
        double slowFrames = 0;
        int slowCount = 0;
        long corrupt = 0;
        long outOfOrder = 0;
        Histogram fastLatency = new Histogram(60_000_000L, 3);
        Histogram audioLatency = new Histogram(60_000_000L, 3);
        Histogram slowLatency = new Histogram(60_000_000L, 3);
        for (int r = 0; r < n; r++) {
            LoadParticipant p = participants.get(r);
            ReceiverTally t = tallies.get(r);
            if (t == null) continue;
            corrupt += t.corrupt + p.misattributed;
            outOfOrder += t.outOfOrder + t.duplicates;
            bytes += t.bytes;
            if (p.role == Role.FAST) {
                for (int s = 0; s < n; s++) {
                    if (s == r) continue;
                    int got = t.arrivedOf(s, sent[s]);
                    arrived += got;
                    expected += sent[s];
                    double fps = got / seconds;
                    fpsSum += fps;
                    fpsMin = Math.min(fpsMin, fps);
                    streams++;
                }
                fastLatency.add(t.videoLatency);
                audioLatency.add(t.audioLatency);
                audio += t.audioFrames;
            } else if (p.role == Role.SLOW) {
                slowFrames += t.videoFrames / seconds;
                slowCount++;
                slowLatency.add(t.videoLatency);
            }
        }
        int fast = (int) participants.stream().filter(p -> p.role == Role.FAST).count();
        double audioExpected = plan.audio() ? fast * (n - 1) * seconds * 1000.0 / LoadPlan.AUDIO_FRAME_MILLIS : 0;
        List<String> errors = new ArrayList<>();
        int disconnected = 0;
        for (LoadParticipant p : participants) {
            if (p.lost) disconnected++;
            if (p.error != null) errors.add("load-" + p.index + " (" + p.role.name().toLowerCase() + "): " + p.error);
        }
        long skipped = participants.stream().mapToLong(p -> p.sendSkipped).sum();
        return new LoadResult(n, fast, plan.slow(), plan.stalled(), seconds, sentVideo, expected, arrived,
                expected == 0 ? 0 : (double) arrived / expected, streams == 0 ? 0 : fpsSum / streams,
                streams == 0 ? 0 : fpsMin, figures(fastLatency), plan.audio() ? figures(audioLatency) : new double[0],
                audioExpected == 0 ? 0 : Math.min(1, audio / audioExpected), slowCount == 0 ? 0 : slowFrames / slowCount,
                slowCount == 0 ? new double[0] : figures(slowLatency), corrupt, outOfOrder, disconnected, errors, skipped,
                bytes / seconds, benchCpu);
    }

    private static double[] figures(Histogram h) {
        if (h.getTotalCount() == 0) return new double[] {-1, -1, -1};
        return new double[] {h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0};
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("clients", "" + clients);
        p.setProperty("fast", "" + fast);
        p.setProperty("slow", "" + slow);
        p.setProperty("stalled", "" + stalled);
        p.setProperty("seconds", "" + seconds);
        p.setProperty("sentVideo", "" + sentVideo);
        p.setProperty("owed", "" + owed);
        p.setProperty("arrived", "" + arrived);
        p.setProperty("delivered", "" + delivered);
        p.setProperty("streamFpsMean", "" + streamFpsMean);
        p.setProperty("streamFpsMin", "" + streamFpsMin);
        p.setProperty("latency", join(latency));
        p.setProperty("audioLatency", join(audioLatency));
        p.setProperty("audioDelivered", "" + audioDelivered);
        p.setProperty("slowFps", "" + slowFps);
        p.setProperty("slowLatency", join(slowLatency));
        p.setProperty("corrupt", "" + corrupt);
        p.setProperty("outOfOrder", "" + outOfOrder);
        p.setProperty("disconnected", "" + disconnected);
        p.setProperty("errors", String.join("\n", errors));
        p.setProperty("sendSkipped", "" + sendSkipped);
        p.setProperty("deliveredBytes", "" + deliveredBytes);
        p.setProperty("benchCpu", "" + benchCpu);
        return p;
    }

    public static LoadResult fromProperties(Properties p) {
        String errors = p.getProperty("errors", "");
        return new LoadResult(i(p, "clients"), i(p, "fast"), i(p, "slow"), i(p, "stalled"), d(p, "seconds"),
                Long.parseLong(p.getProperty("sentVideo")), Long.parseLong(p.getProperty("owed")),
                Long.parseLong(p.getProperty("arrived")), d(p, "delivered"), d(p, "streamFpsMean"), d(p, "streamFpsMin"),
                split(p, "latency"), split(p, "audioLatency"), d(p, "audioDelivered"), d(p, "slowFps"),
                split(p, "slowLatency"), Long.parseLong(p.getProperty("corrupt")), Long.parseLong(p.getProperty("outOfOrder")),
                i(p, "disconnected"), errors.isEmpty() ? List.of() : List.of(errors.split("\n")),
                Long.parseLong(p.getProperty("sendSkipped")), d(p, "deliveredBytes"), d(p, "benchCpu"));
    }

    private static String join(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) b.append(b.length() == 0 ? "" : ",").append(x);
        return b.toString();
    }

    private static double[] split(Properties p, String key) {
        String s = p.getProperty(key, "");
        if (s.isEmpty()) return new double[0];
        String[] parts = s.split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) v[i] = Double.parseDouble(parts[i]);
        return v;
    }

    private static int i(Properties p, String key) {
        return Integer.parseInt(p.getProperty(key));
    }

    private static double d(Properties p, String key) {
        return Double.parseDouble(p.getProperty(key));
    }
}
