package dev.parley.codec.turbojpeg.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Copies a picture's pixels into native memory that libturbojpeg reads, reusing that memory from frame to frame.
 * The common layouts go across as they are, one copy, with the matching TurboJPEG pixel format: TYPE_3BYTE_BGR bytes
 * as TJPF_BGR, TYPE_INT_RGB words as TJPF_BGRX (on a little-endian machine). Any other layout is first drawn into a
 * reused TYPE_3BYTE_BGR picture.
 */
final class PixelStage implements AutoCloseable {
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    private static final int[] BGR_BAND_OFFSETS = {2, 1, 0};

    /** Where the staged pixels are and how libturbojpeg should read them. */
    record Staged(Pointer pixels, int width, int height, int pitch, int pixelFormat) {
    }

    private Memory memory;
    private BufferedImage converted;

    Staged stage(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        Raster raster = image.getRaster();
        if (raster.getDataBuffer() instanceof DataBufferByte bytes && isBgr(raster)) {
            return stageBytes(raster, bytes, width, height);
        }
        if (raster.getDataBuffer() instanceof DataBufferInt ints && raster.getSampleModel() instanceof SinglePixelPackedSampleModel sm
                && (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_INT_BGR)) {
            return stageInts(raster, ints, sm, width, height, image.getType() == BufferedImage.TYPE_INT_RGB);
        }
        return stage(convert(image));
    }

    private static boolean isBgr(Raster raster) {
        return raster.getSampleModel() instanceof ComponentSampleModel sm && sm.getNumBands() == 3
                && sm.getPixelStride() == 3 && Arrays.equals(sm.getBandOffsets(), BGR_BAND_OFFSETS);
    }

    private Staged stageBytes(Raster raster, DataBufferByte buffer, int width, int height) {
        ComponentSampleModel sm = (ComponentSampleModel) raster.getSampleModel();
        int pitch = width * 3;
        Memory m = ensure((long) pitch * height);
        byte[] data = buffer.getData();
        // getOffset points at band 0 (red, two bytes in); the pixel starts at its blue byte.
        int start = buffer.getOffset() + sm.getOffset(-raster.getSampleModelTranslateX(), -raster.getSampleModelTranslateY())
                - sm.getBandOffsets()[0];
        int stride = sm.getScanlineStride();
        if (stride == pitch) {
            m.write(0, data, start, pitch * height);
        } else {
            for (int y = 0; y < height; y++) m.write((long) y * pitch, data, start + y * stride, pitch);
        }
        return new Staged(m, width, height, pitch, TurboJpeg.TJPF_BGR);
    }

    private Staged stageInts(Raster raster, DataBufferInt buffer, SinglePixelPackedSampleModel sm, int width, int height,
                             boolean rgb) {
        int pitch = width * 4;
        Memory m = ensure((long) pitch * height);
        int[] data = buffer.getData();
        int start = buffer.getOffset() + sm.getOffset(-raster.getSampleModelTranslateX(), -raster.getSampleModelTranslateY());
        int stride = sm.getScanlineStride();
        if (stride == width) {
            m.write(0, data, start, width * height);
        } else {
            for (int y = 0; y < height; y++) m.write((long) y * pitch, data, start + y * stride, width);
        }
        // 0x00RRGGBB in memory is B,G,R,0 on a little-endian machine and 0,R,G,B on a big-endian one.
        int format = rgb ? (LITTLE_ENDIAN ? TurboJpeg.TJPF_BGRX : TurboJpeg.TJPF_XRGB)
                : (LITTLE_ENDIAN ? TurboJpeg.TJPF_RGBX : TurboJpeg.TJPF_XBGR);
        return new Staged(m, width, height, pitch, format);
    }

    private BufferedImage convert(BufferedImage image) {
        if (converted == null || converted.getWidth() != image.getWidth() || converted.getHeight() != image.getHeight()) {
            converted = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        }
        Graphics2D g = converted.createGraphics();
        try {
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return converted;
    }

    private Memory ensure(long bytes) {
        if (memory == null || memory.size() < bytes) {
            if (memory != null) memory.close();
            memory = new Memory(bytes);
        }
        return memory;
    }

    @Override
    public void close() {
        if (memory != null) memory.close();
        memory = null;
        converted = null;
    }
}
