package dev.parley.codec.example.internal;

/**
 * G.711 mu-law (ITU-T G.711, the North American and Japanese telephone companding): each 16-bit sample becomes one
 * byte, a sign, a 3-bit exponent and a 4-bit mantissa, inverted. Loud samples lose more precision than quiet ones,
 * which the ear forgives. Decoding is a table of the 256 values; encoding finds the exponent in a table of 256.
 */
final class MuLaw {
    /** The codec name Parley knows this codec by (a codec id is {@code pcmu;rate=R}). */
    static final String CODEC = "pcmu";
    private static final int BIAS = 0x84;
    private static final int CLIP = 32635;
    private static final short[] DECODED = new short[256];
    private static final byte[] EXPONENT = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            int u = ~i & 0xff;
            int exponent = (u >> 4) & 0x07;
            int magnitude = ((((u & 0x0f) << 3) + BIAS) << exponent) - BIAS;
            DECODED[i] = (short) ((u & 0x80) != 0 ? -magnitude : magnitude);
            int e = 0;
            for (int v = i >> 1; v != 0; v >>= 1) e++;
            EXPONENT[i] = (byte) e;
        }
    }

    private MuLaw() {
    }

    static byte encode(short sample) {
        int s = sample;
        int sign = s < 0 ? 0x80 : 0;
        if (s < 0) s = -s;
        if (s > CLIP) s = CLIP;
        s += BIAS;
        int exponent = EXPONENT[(s >> 7) & 0xff];
        int mantissa = (s >> (exponent + 3)) & 0x0f;
        return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    static short decode(byte code) {
        return DECODED[code & 0xff];
    }

    /** The codec id of a stream at {@code rate} samples a second, mono. */
    static String codecId(int rate) {
        return CODEC + ";rate=" + rate;
    }

    /** The sample rate in a codec id such as {@code pcmu;rate=16000}; 8000, G.711's own, when it says none. */
    static int rate(String codecId) {
        for (String part : codecId.split(";")) {
            if (part.startsWith("rate=")) {
                try {
                    int rate = Integer.parseInt(part.substring(5));
                    if (rate > 0) return rate;
                } catch (NumberFormatException e) {
                    break;
                }
                break;
            }
        }
        if (codecId.contains("rate=")) throw new IllegalArgumentException("bad rate in codec id " + codecId);
        return 8000;
    }
}
