package dev.parley.capture.video.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/**
 * Finds the JPEG pictures in an MJPEG stream (pictures one after another, possibly with other bytes between them,
 * such as the part headers of a saved HTTP stream) by following each picture's structure rather than looking for
 * the end marker FFD9: a picture starts at the start marker FFD8, its segments are skipped by their lengths, so an
 * FFD9 inside one (the end of an embedded EXIF thumbnail) is passed over, and only in the compressed data after a
 * start-of-scan is FFD9 looked for, where the format stuffs every other FF with 00. A picture the file breaks off
 * in, or whose structure is not JPEG, is left out, and the search goes on from just after its start marker: the
 * bogus segment length of a picture cut short may have carried the reading past the start of the next one.
 *
 * <p>Only the offsets and lengths are kept (12 bytes a picture), so a long recording is indexed without holding its
 * bytes.
 */
final class MjpegSplitter {
    private static final int BUFFER = 64 * 1024;
    /** How following one picture ended. */
    private static final int COMPLETE = 0;
    private static final int BROKEN = 1;
    private static final int ANOTHER_START = 2;
    private static final int STREAM_ENDED = 3;

    /** The pictures found, in order. */
    record Index(long[] starts, int[] lengths) {
        int count() {
            return starts.length;
        }
    }

    private final SeekableByteChannel in;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private int length;
    private int next;
    private long position;
    private long[] starts = new long[64];
    private int[] lengths = new int[64];
    private int count;

    private MjpegSplitter(SeekableByteChannel in) {
        this.in = in;
    }

    /** Reads the file from its beginning to its end; leaves it open. */
    static Index split(SeekableByteChannel in) throws IOException {
        return new MjpegSplitter(in).split();
    }

    private Index split() throws IOException {
        seek(0);
        boolean atStart = false;
        while (atStart || findStart()) {
            long start = position - 2;
            int end = picture();
            atStart = end == ANOTHER_START;
            if (end == COMPLETE && position - start <= Integer.MAX_VALUE) {
                add(start, (int) (position - start));
            } else if (end == BROKEN || end == STREAM_ENDED) {
                seek(start + 2);
            }
        }
        return new Index(Arrays.copyOf(starts, count), Arrays.copyOf(lengths, count));
    }

    /** Moves past the next FFD8; false at the end of the stream. */
    private boolean findStart() throws IOException {
        int previous = -1;
        for (int b = read(); b >= 0; b = read()) {
            if (previous == 0xFF && b == 0xD8) {
                return true;
            }
            previous = b;
        }
        return false;
    }

    /** Follows one picture's segments from just after its FFD8 to just after its FFD9. */
    private int picture() throws IOException {
        int marker = nextMarker();
        while (true) {
            switch (marker) {
                case -1:
                    return STREAM_ENDED;
                case -2:
                    return BROKEN;
                case 0xD9:
                    return COMPLETE;
                case 0xD8:
                    return ANOTHER_START;
                default:
                    break;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                marker = nextMarker(); // markers without a length
                continue;
            }
            int high = read();
            int low = read();
            if (low < 0) {
                return STREAM_ENDED;
            }
            int segment = (high << 8) | low;
            if (segment < 2 || !skip(segment - 2)) {
                return segment < 2 ? BROKEN : STREAM_ENDED;
            }
            marker = marker == 0xDA ? markerAfterScan() : nextMarker();
        }
    }

    /** The marker that must follow a segment: FF, any fill FFs, then its code; -2 if something else is there. */
    private int nextMarker() throws IOException {
        int b = read();
        if (b < 0) {
            return -1;
        }
        if (b != 0xFF) {
            return -2;
        }
        do {
            b = read();
        } while (b == 0xFF);
        return b < 0 ? -1 : b == 0x00 ? -2 : b;
    }

    /** Skips compressed data, where FF00 is a stuffed FF and FFD0..FFD7 restart markers, to the next real marker. */
    private int markerAfterScan() throws IOException {
        while (true) {
            int b = read();
            if (b < 0) {
                return -1;
            }
            if (b != 0xFF) {
                continue;
            }
            do {
                b = read();
            } while (b == 0xFF);
            if (b < 0) {
                return -1;
            }
            if (b != 0x00 && (b < 0xD0 || b > 0xD7)) {
                return b;
            }
        }
    }

    private void add(long start, int pictureLength) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        starts[count] = start;
        lengths[count] = pictureLength;
        count++;
    }

    private int read() throws IOException {
        if (next == length && !fill()) {
            return -1;
        }
        position++;
        return buffer.get(next++) & 0xFF;
    }

    /** Skips bytes; false when the file ends first. */
    private boolean skip(int bytes) throws IOException {
        int left = bytes;
        while (left > 0) {
            if (next == length && !fill()) {
                return false;
            }
            int step = Math.min(left, length - next);
            next += step;
            position += step;
            left -= step;
        }
        return true;
    }

    private boolean fill() throws IOException {
        buffer.clear();
        length = Math.max(0, in.read(buffer));
        next = 0;
        return length > 0;
    }

    private void seek(long to) throws IOException {
        in.position(to);
        position = to;
        length = 0;
        next = 0;
    }
}
