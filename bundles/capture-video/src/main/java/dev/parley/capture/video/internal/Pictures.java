package dev.parley.capture.video.internal;

import dev.parley.api.capture.CaptureException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Pictures stored in files, in playing order, decoded one at a time on demand so that a long sequence never sits in
 * memory decoded: a folder of JPEG and PNG files ({@link PictureFolder}) or one MJPEG file ({@link MjpegFile}).
 * Used by one thread at a time.
 */
interface Pictures extends AutoCloseable {
    /** A folder of pictures or an MJPEG file, whichever the path is. */
    static Pictures open(Path path) throws CaptureException {
        if (Files.isDirectory(path)) {
            return PictureFolder.open(path);
        }
        if (!Files.exists(path)) {
            throw problem(path, "no such file or folder");
        }
        return MjpegFile.open(path);
    }

    static CaptureException problem(Path path, String what) {
        return new CaptureException("video file " + path + ": " + what);
    }

    /** How many pictures there are; at least one. */
    int count();

    /** The picture's name for people: its file, or its number in the MJPEG file. */
    String name(int index);

    /**
     * Decodes a picture anew: each call returns a new image.
     *
     * @throws IOException when the picture cannot be read or is not one ImageIO can decode
     */
    BufferedImage decode(int index) throws IOException;

    /** For people: what kind of source this is and how many pictures it has. */
    String describe();

    @Override
    void close();
}
