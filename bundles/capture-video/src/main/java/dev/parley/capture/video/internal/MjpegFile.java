package dev.parley.capture.video.internal;

import dev.parley.api.capture.CaptureException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * The JPEG pictures of an MJPEG file, found once by {@link MjpegSplitter} when opened and read from the file one at a
 * time. The file stays open while the pictures are played.
 */
final class MjpegFile implements Pictures {
    private final Path file;
    private final FileChannel channel;
    private final MjpegSplitter.Index index;

    private MjpegFile(Path file, FileChannel channel, MjpegSplitter.Index index) {
        this.file = file;
        this.channel = channel;
        this.index = index;
    }

    static MjpegFile open(Path file) throws CaptureException {
        FileChannel channel = null;
        MjpegSplitter.Index index;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            index = MjpegSplitter.split(channel);
        } catch (IOException | RuntimeException e) {
            close(channel);
            throw new CaptureException("video file " + file + ": cannot be read: " + e.getMessage(), e);
        }
        if (index.count() == 0) {
            close(channel);
            throw Pictures.problem(file, "holds no complete JPEG picture; give an MJPEG file (JPEG pictures one "
                    + "after another) or a folder of JPEG or PNG pictures");
        }
        return new MjpegFile(file, channel, index);
    }

    @Override
    public int count() {
        return index.count();
    }

    @Override
    public String name(int index) {
        return "#" + (index + 1);
    }

    @Override
    public BufferedImage decode(int picture) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(index.lengths()[picture]);
        long at = index.starts()[picture];
        while (bytes.hasRemaining()) {
            int read = channel.read(bytes, at + bytes.position());
            if (read < 0) {
                throw new EOFException("the file was cut short since it was opened");
            }
        }
        // A memory cache, not ImageIO.createImageInputStream: that one may cache through a temporary file.
        // ImageIO.read closes the stream itself.
        BufferedImage image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes.array())));
        if (image == null) {
            throw new IOException("not a picture ImageIO can decode");
        }
        return image;
    }

    @Override
    public String describe() {
        return "MJPEG file of " + index.count() + " picture" + (index.count() == 1 ? "" : "s");
    }

    @Override
    public void close() {
        close(channel);
    }

    private static void close(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // only read from; there is nothing to lose
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
