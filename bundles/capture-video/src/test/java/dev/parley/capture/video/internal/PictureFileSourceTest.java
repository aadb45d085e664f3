package dev.parley.capture.video.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.api.capture.CaptureException;
import dev.parley.api.capture.CaptureSpec;
import dev.parley.api.capture.MediaSource.Capture;
import dev.parley.api.codec.MediaFormat;
import dev.parley.api.codec.VideoImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PictureFileSourceTest {
    /** Generous: only a broken source takes this long; a healthy one needs a fraction of a second. */
    private static final long PATIENCE_SECONDS = 20;
    private static final Color[] COLOURS = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};

    @TempDir
    Path folder;

    @Test
    void anMjpegFileIsSplitIntoItsPicturesInOrder() throws Exception {
        List<byte[]> jpegs = List.of(jpeg(COLOURS[0], 32, 24), jpeg(COLOURS[1], 40, 30), jpeg(COLOURS[2], 32, 24));
        Path file = write("clip.mjpeg", concat(jpegs));

        MjpegSplitter.Index index = index(file);
        try (MjpegFile pictures = MjpegFile.open(file)) {
            assertEquals(3, index.count());
            long at = 0;
            for (int i = 0; i < 3; i++) {
                assertEquals(at, index.starts()[i], "start of picture " + i);
                assertEquals(jpegs.get(i).length, index.lengths()[i], "length of picture " + i);
                at += jpegs.get(i).length;
                assertColour(COLOURS[i], pictures.decode(i));
            }
        }
    }

    @Test
    void anFfd9InsideAThumbnailDoesNotEndThePicture() throws Exception {
        // Each picture carries, in an APP1 segment, a whole JPEG thumbnail and then FF D9 FF D8 on their own: a split
        // at the first FFD9, or at the first FFD8 after an FFD9, would cut the picture inside that segment.
        byte[] thumbnail = jpeg(Color.WHITE, 8, 8);
        byte[] first = withApp1(jpeg(COLOURS[0], 32, 24), concat(List.of(thumbnail, new byte[] {(byte) 0xFF, (byte) 0xD9, (byte) 0xFF, (byte) 0xD8})));
        byte[] second = withApp1(jpeg(COLOURS[1], 32, 24), thumbnail);
        Path file = write("exif.mjpeg", concat(List.of(first, second)));

        try (MjpegFile pictures = MjpegFile.open(file)) {
            assertEquals(2, pictures.count());
            assertColour(COLOURS[0], pictures.decode(0));
            assertColour(COLOURS[1], pictures.decode(1));
        }
        MjpegSplitter.Index index = index(file);
        assertArrayEquals(new int[] {first.length, second.length}, index.lengths());
    }

    @Test
    void bytesBetweenPicturesAndACutOffLastPictureAreLeftOut() throws Exception {
        byte[] part = "--frame\r\nContent-Type: image/jpeg\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] cut = jpeg(COLOURS[2], 32, 24);
        Path file = write("saved-stream.mjpeg", concat(List.of(part, jpeg(COLOURS[0], 32, 24), part,
                jpeg(COLOURS[1], 32, 24), part, Arrays.copyOf(cut, cut.length / 2))));

        try (MjpegFile pictures = MjpegFile.open(file)) {
            assertEquals(2, pictures.count());
            assertColour(COLOURS[0], pictures.decode(0));
            assertColour(COLOURS[1], pictures.decode(1));
        }
    }

    @Test
    void aPictureBrokenOffByTheNextOneIsLeftOutAndTheNextKept() throws Exception {
        byte[] broken = jpeg(COLOURS[0], 32, 24);
        Path file = write("glitch.mjpeg", concat(List.of(Arrays.copyOf(broken, broken.length / 2), jpeg(COLOURS[1], 32, 24))));

        try (MjpegFile pictures = MjpegFile.open(file)) {
            assertEquals(1, pictures.count());
            assertColour(COLOURS[1], pictures.decode(0));
        }
    }

    @Test
    void aFolderIsPlayedInFileNameOrderAndOnlyItsPicturesCount() throws Exception {
        write("b.png", png(COLOURS[1], 20, 10));
        write("a.jpg", jpeg(COLOURS[0], 20, 10));
        write("c.JPEG", jpeg(COLOURS[2], 20, 10));
        write("notes.txt", "not a picture".getBytes(StandardCharsets.US_ASCII));
        Files.createDirectory(folder.resolve("d.png"));

        try (PictureFolder pictures = PictureFolder.open(folder)) {
            assertEquals(3, pictures.count());
            assertEquals(List.of("a.jpg", "b.png", "c.JPEG"), List.of(pictures.name(0), pictures.name(1), pictures.name(2)));
            for (int i = 0; i < 3; i++) {
                assertColour(COLOURS[i], pictures.decode(i));
            }
        }
    }

    @Test
    void theSourceSendsThePicturesInOrderRoundAndRoundAtTheCallsSize() throws Exception {
        write("frame-01.png", png(COLOURS[0], 32, 24));
        write("frame-02.jpg", jpeg(COLOURS[1], 100, 10));
        write("frame-03.png", png(COLOURS[2], 640, 480));
        List<VideoImage> frames = new CopyOnWriteArrayList<>();
        CountDownLatch seven = new CountDownLatch(7);

        try (Capture capture = new PictureFileSource(folder).open(spec("alice", 64, 48, 60), frame -> {
            frames.add((VideoImage) frame);
            seven.countDown();
        })) {
            assertTrue(seven.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "fewer than 7 frames arrived");
        }

        for (int i = 0; i < 7; i++) {
            BufferedImage image = frames.get(i).image();
            assertEquals(64, image.getWidth());
            assertEquals(48, image.getHeight());
            assertEquals(BufferedImage.TYPE_3BYTE_BGR, image.getType());
            assertColour(COLOURS[i % 3], image);
        }
    }

    @Test
    void anMjpegFileIsASourceToo() throws Exception {
        Path file = write("clip.mjpeg", concat(List.of(jpeg(COLOURS[0], 32, 24), jpeg(COLOURS[1], 32, 24))));
        List<VideoImage> frames = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);

        try (Capture capture = new PictureFileSource(file).open(spec("bob", 32, 24, 60), frame -> {
            frames.add((VideoImage) frame);
            three.countDown();
        })) {
            assertTrue(three.await(PATIENCE_SECONDS, TimeUnit.SECONDS), "fewer than 3 frames arrived");
        }

        assertColour(COLOURS[0], frames.get(0).image());
        assertColour(COLOURS[1], frames.get(1).image());
        assertColour(COLOURS[0], frames.get(2).image());
        assertEquals("file:clip.mjpeg", new PictureFileSource(file).id());
    }

    @Test
    void scalingFitsThePictureKeepingItsShapeWithBlackBarsAsANewBgrImage() {
        BufferedImage wide = new BufferedImage(100, 10, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 50, 10);
        g.setColor(Color.BLUE);
        g.fillRect(50, 0, 50, 10);
        g.dispose();

        BufferedImage scaled = PictureFeed.scale(wide, 40, 30);

        assertEquals(40, scaled.getWidth());
        assertEquals(30, scaled.getHeight());
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, scaled.getType());
        // 100 × 10 fits 40 × 30 as 40 × 4, in rows 13 to 16: red left, blue right, black above and below.
        assertEquals(Color.RED.getRGB(), scaled.getRGB(5, 15));
        assertEquals(Color.BLUE.getRGB(), scaled.getRGB(35, 15));
        assertEquals(Color.BLACK.getRGB(), scaled.getRGB(5, 5));
        assertEquals(Color.BLACK.getRGB(), scaled.getRGB(35, 25));
        assertEquals(Color.BLACK.getRGB(), scaled.getRGB(20, 11));
        assertEquals(Color.BLACK.getRGB(), scaled.getRGB(20, 18));
    }

    @Test
    void picturesAreDecodedOnDemandOnlyOneAhead() throws Exception {
        CountingPictures pictures = new CountingPictures(1000);
        PictureFeed feed = PictureFeed.start(pictures, 16, 16, "parley-video-file-decode-test");
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(i, take(feed).image().getRGB(0, 0) & 0xFF, "picture " + i);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
            while (pictures.decoded.get() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(4, pictures.decoded.get(), "decoded: the three taken and one ahead");
        } finally {
            feed.close();
        }
    }

    @Test
    void aPictureThatDoesNotDecodeIsSkipped() throws Exception {
        write("1.jpg", jpeg(COLOURS[0], 16, 16));
        write("2.jpg", "garbage, not a JPEG".getBytes(StandardCharsets.US_ASCII));
        write("3.png", png(COLOURS[2], 16, 16));
        PictureFeed feed = PictureFeed.start(PictureFolder.open(folder), 16, 16, "parley-video-file-decode-test");
        try {
            assertColour(COLOURS[0], take(feed).image());
            assertColour(COLOURS[2], take(feed).image());
            assertColour(COLOURS[0], take(feed).image());
            assertColour(COLOURS[2], take(feed).image());
        } finally {
            feed.close();
        }
    }

    @Test
    void closingStopsTheCaptureAndTheDecodingThread() throws Exception {
        write("1.png", png(COLOURS[0], 16, 16));
        write("2.png", png(COLOURS[1], 16, 16));
        AtomicInteger count = new AtomicInteger();
        CountDownLatch two = new CountDownLatch(2);
        Capture capture = new PictureFileSource(folder).open(spec("carol", 16, 16, 60), frame -> {
            count.incrementAndGet();
            two.countDown();
        });
        assertTrue(two.await(PATIENCE_SECONDS, TimeUnit.SECONDS));
        List<Thread> threads = threadsNamed("parley-video-file-carol", "parley-video-file-decode-carol");
        assertEquals(2, threads.size(), threads.toString());

        capture.close();
        int atClose = count.get();
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(PATIENCE_SECONDS));
            assertFalse(thread.isAlive(), thread.getName());
            assertTrue(thread.isDaemon(), thread.getName());
        }
        assertEquals(atClose, count.get());
    }

    @Test
    void aMissingPathIsACaptureExceptionNamingIt() {
        Path missing = folder.resolve("nowhere");

        assertProblem(missing, "no such file or folder");
    }

    @Test
    void aFileWithoutJpegPicturesIsACaptureExceptionSayingWhatToGive() throws IOException {
        Path file = write("movie.mp4", "ftypisom and no JPEG in sight".getBytes(StandardCharsets.US_ASCII));

        assertProblem(file, "no complete JPEG picture");
    }

    @Test
    void aFolderWithoutPicturesIsACaptureException() throws IOException {
        write("readme.txt", "no pictures here".getBytes(StandardCharsets.US_ASCII));

        assertProblem(folder, "no JPEG or PNG pictures");
    }

    @Test
    void picturesNoneOfWhichDecodeAreACaptureException() throws IOException {
        write("1.jpg", "garbage".getBytes(StandardCharsets.US_ASCII));
        write("2.png", "more garbage".getBytes(StandardCharsets.US_ASCII));

        assertProblem(folder, "none of its 2 pictures can be decoded");
    }

    @Test
    void askingForAudioIsACaptureException() {
        assertThrows(CaptureException.class,
                () -> new PictureFileSource(folder).open(new CaptureSpec("erin", MediaFormat.audio(16000, 1, 20)), f -> { }));
    }

    private void assertProblem(Path path, String what) {
        CaptureException e = assertThrows(CaptureException.class,
                () -> new PictureFileSource(path).open(spec("dave", 64, 48, 15), frame -> { }));
        assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains(what), e.getMessage());
    }

    /** Pictures whose blue channel is their number, that count how often they are decoded. */
    private static final class CountingPictures implements Pictures {
        final AtomicInteger decoded = new AtomicInteger();
        private final int count;

        CountingPictures(int count) {
            this.count = count;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public String name(int index) {
            return "#" + index;
        }

        @Override
        public BufferedImage decode(int index) {
            decoded.incrementAndGet();
            BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
            image.setRGB(0, 0, index & 0xFF);
            return image;
        }

        @Override
        public String describe() {
            return count + " counted pictures";
        }

        @Override
        public void close() {
        }
    }

    /** The next picture, waiting only as long as it takes to decode. */
    private static VideoImage take(PictureFeed feed) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        while (System.nanoTime() < deadline) {
            VideoImage picture = feed.next();
            if (picture != null) {
                return picture;
            }
            Thread.sleep(1);
        }
        throw new AssertionError("no picture within " + PATIENCE_SECONDS + " s");
    }

    private static List<Thread> threadsNamed(String... names) {
        List<Thread> found = new ArrayList<>();
        List<String> wanted = List.of(names);
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (wanted.contains(thread.getName())) {
                found.add(thread);
            }
        }
        return found;
    }

    private static CaptureSpec spec(String name, int width, int height, int frameRate) {
        return new CaptureSpec(name, MediaFormat.video(width, height, frameRate));
    }

    /** The picture's middle is the colour, give or take what JPEG and scaling change. */
    private static void assertColour(Color expected, BufferedImage image) {
        assertNotNull(image);
        Color actual = new Color(image.getRGB(image.getWidth() / 2, image.getHeight() / 2));
        int difference = Math.abs(actual.getRed() - expected.getRed()) + Math.abs(actual.getGreen() - expected.getGreen())
                + Math.abs(actual.getBlue() - expected.getBlue());
        assertTrue(difference < 40, "expected " + expected + " but was " + actual);
    }

    private static MjpegSplitter.Index index(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return MjpegSplitter.split(channel);
        }
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }

    private static byte[] jpeg(Color colour, int width, int height) throws IOException {
        return encode(colour, width, height, "jpg");
    }

    private static byte[] png(Color colour, int width, int height) throws IOException {
        return encode(colour, width, height, "png");
    }

    private static byte[] encode(Color colour, int width, int height, String format) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no ImageIO writer for " + format);
        assertNotNull(ImageIO.read(new ByteArrayInputStream(out.toByteArray())));
        return out.toByteArray();
    }

    /** The JPEG with an APP1 segment holding the payload, placed after its JFIF APP0 segment. */
    private static byte[] withApp1(byte[] jpeg, byte[] payload) {
        assertEquals(0xE0, jpeg[3] & 0xFF, "ImageIO writes JFIF APP0 first");
        int afterApp0 = 4 + (((jpeg[4] & 0xFF) << 8) | (jpeg[5] & 0xFF));
        byte[] exif = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + exif.length + payload.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, afterApp0);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(exif);
        out.writeBytes(payload);
        out.write(jpeg, afterApp0, jpeg.length - afterApp0);
        return out.toByteArray();
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
