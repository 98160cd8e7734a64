package dev.robucap.common.jpeg;

/**
 * libjpeg's fixed-point colour conversions (jccolor.c, jdcolor.c), bit-exact with libjpeg-turbo's SIMD versions,
 * and Pillow's CMYK to RGB (Convert.c cmyk2rgb). Done here rather than in the JDK codec so that the codec can move
 * raw YCbCr rasters without Java2D colour-model conversions, and for the plain-Java encoder.
 */
final class JpegColour {

    private static final int SCALEBITS = 16;
    private static final int ONE_HALF = 1 << (SCALEBITS - 1);
    private static final int CBCR_OFFSET = 128 << SCALEBITS;

    private static final int[] CR_R = new int[256];
    private static final int[] CB_B = new int[256];
    private static final int[] CR_G = new int[256];
    private static final int[] CB_G = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int x = i - 128;
            CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALEBITS;
            CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALEBITS;
            CR_G[i] = -fix(0.71414) * x;
            CB_G[i] = -fix(0.34414) * x + ONE_HALF;
        }
    }

    private JpegColour() {
    }

    private static int fix(double x) {
        return (int) (x * (1 << SCALEBITS) + 0.5);
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** Interleaved YCbCr to interleaved RGB, in place. */
    static void yccToRgb(byte[] samples) {
        for (int i = 0; i < samples.length; i += 3) {
            int y = samples[i] & 0xff;
            int cb = samples[i + 1] & 0xff;
            int cr = samples[i + 2] & 0xff;
            samples[i] = clampToByte(y + CR_R[cr]);
            samples[i + 1] = clampToByte(y + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS));
            samples[i + 2] = clampToByte(y + CB_B[cb]);
        }
    }

    /** libjpeg's range_limit without branches (they mispredict on saturated colours): below 0 → 0, above → 255. */
    private static byte clampToByte(int v) {
        return (byte) ((v & ~(v >> 31)) | ((255 - v) >> 31));
    }

    private static final int R_Y = fix(0.29900);
    private static final int G_Y = fix(0.58700);
    private static final int B_Y = fix(0.11400);
    private static final int R_CB = fix(0.16874);
    private static final int G_CB = fix(0.33126);
    private static final int HALF = fix(0.50000);
    private static final int G_CR = fix(0.41869);
    private static final int B_CR = fix(0.08131);

    /**
     * jccolor.c rgb_ycc_convert for one row of {@code width} interleaved RGB pixels into three planes. libjpeg
     * looks the products up in tables of FIX(c) * i; multiplying gives the same integers.
     */
    static void rgbRowToPlanes(byte[] rgb, int from, int width, byte[] y, byte[] cb, byte[] cr, int at) {
        for (int x = 0, i = from; x < width; x++, i += 3) {
            int r = rgb[i] & 0xff;
            int g = rgb[i + 1] & 0xff;
            int b = rgb[i + 2] & 0xff;
            y[at + x] = (byte) ((R_Y * r + G_Y * g + B_Y * b + ONE_HALF) >> SCALEBITS);
            cb[at + x] = (byte) ((-R_CB * r - G_CB * g + HALF * b + CBCR_OFFSET + ONE_HALF - 1) >> SCALEBITS);
            cr[at + x] = (byte) ((HALF * r - G_CR * g - B_CR * b + CBCR_OFFSET + ONE_HALF - 1) >> SCALEBITS);
        }
    }

    /**
     * Four stored components (CMYK, or YCCK when {@code ycck}) to RGB as Pillow does: libjpeg turns YCCK into
     * CMYK, Pillow reads CMYK JPEGs inverted (Adobe convention, rawmode "CMYK;I") and converts with cmyk2rgb.
     */
    static byte[] fourComponentsToRgb(byte[] samples, boolean ycck) {
        byte[] rgb = new byte[samples.length / 4 * 3];
        for (int i = 0, o = 0; i < samples.length; i += 4, o += 3) {
            int c0 = samples[i] & 0xff;
            int c1 = samples[i + 1] & 0xff;
            int c2 = samples[i + 2] & 0xff;
            if (ycck) { // jdcolor.c ycck_cmyk_convert: C = 255 - R of the YCC triple, etc.
                int y = c0;
                int cb = c1;
                int cr = c2;
                c0 = 255 - clamp(y + CR_R[cr]);
                c1 = 255 - clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS));
                c2 = 255 - clamp(y + CB_B[cb]);
            }
            int nk = samples[i + 3] & 0xff; // inverted K is 255 - k
            rgb[o] = (byte) clamp(nk - mulDiv255(255 - c0, nk));
            rgb[o + 1] = (byte) clamp(nk - mulDiv255(255 - c1, nk));
            rgb[o + 2] = (byte) clamp(nk - mulDiv255(255 - c2, nk));
        }
        return rgb;
    }

    private static int mulDiv255(int a, int b) {
        int t = a * b + 128;
        return ((t >> 8) + t) >> 8;
    }
}
