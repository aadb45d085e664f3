package dev.parley.capture.video.internal;

import dev.parley.api.capture.CaptureException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * The JPEG and PNG files of a folder ({@code .jpg}, {@code .jpeg}, {@code .png} in any case), in the order of their
 * file names, compared as strings: number them with leading zeros ({@code frame-0001.jpg}) so that frame 10 comes
 * after frame 9. The folder is listed once, when opened; other files and subfolders are ignored.
 */
final class PictureFolder implements Pictures {
    private final Path folder;
    private final List<Path> files;

    private PictureFolder(Path folder, List<Path> files) {
        this.folder = folder;
        this.files = files;
    }

    static PictureFolder open(Path folder) throws CaptureException {
        List<Path> files;
        try (Stream<Path> entries = Files.list(folder)) {
            files = entries.filter(PictureFolder::isPicture)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .collect(Collectors.toList());
        } catch (IOException | RuntimeException e) {
            throw new CaptureException("video file " + folder + ": the folder cannot be read: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw Pictures.problem(folder, "the folder holds no JPEG or PNG pictures (.jpg, .jpeg, .png)");
        }
        return new PictureFolder(folder, files);
    }

    private static boolean isPicture(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png")) && Files.isRegularFile(file);
    }

    @Override
    public int count() {
        return files.size();
    }

    @Override
    public String name(int index) {
        return files.get(index).getFileName().toString();
    }

    @Override
    public BufferedImage decode(int index) throws IOException {
        BufferedImage picture = ImageIO.read(files.get(index).toFile());
        if (picture == null) {
            throw new IOException("not a picture ImageIO can decode");
        }
        return picture;
    }

    @Override
    public String describe() {
        return "folder of " + files.size() + " picture" + (files.size() == 1 ? "" : "s");
    }

    @Override
    public void close() {
        // nothing is held open between pictures
    }

    @Override
    public String toString() {
        return folder.toString();
    }
}
