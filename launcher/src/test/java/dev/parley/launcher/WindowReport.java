package dev.parley.launcher;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * What the Swing view's window shows, as its shell command {@code window} reports it (typed as {@code /window} on
 * the process's standard input): the tiles with their place in a screenshot, and the lines of the chat pane.
 */
record WindowReport(List<Tile> tiles, List<String> chat) {
    private static final Pattern HEAD = Pattern.compile("^window: showing \\d+x\\d+, (\\d+) tiles, (\\d+) chat lines, .*");
    private static final Pattern TILE = Pattern.compile(
            "^tile (\\d+) (\\S+): .*, note \\[(.*)\\], pictures (\\d+), level .*, bounds (\\d+),(\\d+),(\\d+),(\\d+)$");

    /**
     * One participant's tile; {@code note} is what is written over its picture ("camera muted"), {@code bounds} in the
     * coordinates of {@code screenshot}'s picture.
     */
    record Tile(int sender, String name, String note, long pictures, Rectangle bounds) {
    }

    /** Asks the process's window for a report and parses it. */
    static WindowReport of(ParleyProcess p) throws InterruptedException {
        int mark = p.lineCount();
        try {
            p.type("/window");
        } catch (IOException e) {
            throw new AssertionError("cannot type into " + p.describe(), e);
        }
        // No window: the view is off ("window: none") or its bundle is gone and the command with it.
        String head = p.awaitFrom(mark, "a window report", l -> HEAD.matcher(l).matches() || l.startsWith("window: none")
                || l.startsWith("parley: window: Command not found"));
        Matcher m = HEAD.matcher(head);
        if (!m.matches()) return new WindowReport(List.of(), List.of());
        int tiles = Integer.parseInt(m.group(1));
        int chatLines = Integer.parseInt(m.group(2));
        int at = p.lines().lastIndexOf(head);
        // The rest came in the same write: tile lines, the roster line, the chat lines.
        int last = at + tiles + 1 + chatLines;
        p.awaitFrom(last, "the whole window report", l -> true);
        List<String> body = p.lines().subList(at + 1, last + 1);
        List<Tile> out = new ArrayList<>();
        for (String line : body.subList(0, tiles)) {
            Matcher t = TILE.matcher(line);
            if (!t.matches()) throw new AssertionError("not a tile line: " + line);
            out.add(new Tile(Integer.parseInt(t.group(1)), t.group(2), t.group(3), Long.parseLong(t.group(4)),
                    new Rectangle(Integer.parseInt(t.group(5)), Integer.parseInt(t.group(6)),
                            Integer.parseInt(t.group(7)), Integer.parseInt(t.group(8)))));
        }
        List<String> chat = body.subList(tiles + 1, body.size()).stream().map(l -> l.replaceFirst("^chat: ", "")).toList();
        return new WindowReport(out, chat);
    }

    /** Asks again and again until the window shows what {@code wanted} wants; fails after a minute. */
    static WindowReport await(ParleyProcess p, String what, Predicate<WindowReport> wanted) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        WindowReport last;
        do {
            last = of(p);
            if (wanted.test(last)) return last;
            Thread.sleep(500);
        } while (System.currentTimeMillis() < deadline);
        throw new AssertionError("the window never showed " + what + "; last report: " + last + "\n" + p.describe());
    }

    Optional<Tile> tile(String name) {
        return tiles.stream().filter(t -> t.name.equals(name)).findFirst();
    }

    long pictures(String name) {
        return tile(name).map(Tile::pictures).orElse(0L);
    }

    /** Saves the window as a PNG through the view's {@code screenshot} command and reads it back. */
    static BufferedImage screenshot(ParleyProcess p, Path file) throws Exception {
        int mark = p.lineCount();
        p.type("/screenshot " + file.toAbsolutePath());
        p.awaitFrom(mark, "the screenshot " + file, l -> l.startsWith("screenshot: " + file.toAbsolutePath()));
        return ImageIO.read(file.toFile());
    }

    /** Whether the picture inside a tile (its caption left out) changed between two screenshots. */
    static boolean pictureMoved(BufferedImage a, BufferedImage b, Rectangle tile) {
        int changed = 0, looked = 0;
        int bottom = tile.y + tile.height * 4 / 5;
        for (int y = tile.y + 2; y < bottom; y += 3) {
            for (int x = tile.x + 2; x < tile.x + tile.width - 2; x += 3) {
                looked++;
                if (a.getRGB(x, y) != b.getRGB(x, y)) changed++;
            }
        }
        return looked > 0 && changed > 100;
    }
}
