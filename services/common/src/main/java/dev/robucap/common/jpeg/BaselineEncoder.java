package dev.robucap.common.jpeg;

import dev.robucap.common.image.RgbImage;
import javax.imageio.plugins.jpeg.JPEGHuffmanTable;

/**
 * A baseline JPEG encoder in plain Java that reproduces libjpeg's output bit for bit for Pillow's settings: JFIF
 * 1.01, YCbCr 4:2:0, ISLOW forward DCT, IJG tables, standard Huffman tables, no restart markers. Every step is
 * the integer arithmetic of libjpeg 6b / libjpeg-turbo (jccolor.c, jcsample.c, jfdctint.c, jcdctmgr.c, jchuff.c),
 * so the files equal Pillow's; it exists because the JDK's codec is unvectorised libjpeg 6b driven one scan line at a
 * time over JNI, several times slower than libjpeg-turbo. Stateless apart from immutable tables: thread-safe.
 */
final class BaselineEncoder {

    private static final HuffmanCodes DC_LUMA = new HuffmanCodes(JPEGHuffmanTable.StdDCLuminance);
    private static final HuffmanCodes AC_LUMA = new HuffmanCodes(JPEGHuffmanTable.StdACLuminance);
    private static final HuffmanCodes DC_CHROMA = new HuffmanCodes(JPEGHuffmanTable.StdDCChrominance);
    private static final HuffmanCodes AC_CHROMA = new HuffmanCodes(JPEGHuffmanTable.StdACChrominance);

    private static final int[] NATURAL_TO_ZIGZAG = new int[64];

    static {
        for (int i = 0; i < 64; i++) {
            NATURAL_TO_ZIGZAG[QuantTables.ZIGZAG_TO_NATURAL[i]] = i;
        }
    }

    private BaselineEncoder() {
    }

    static byte[] encode(RgbImage image, int quality) {
        int w = image.width();
        int h = image.height();
        if (w > 65535 || h > 65535) {
            throw new IllegalArgumentException("JPEG cannot store " + w + "x" + h + " pixels (65535 at most)");
        }
        int[] lumaTable = QuantTables.table(quality, false);
        int[] chromaTable = QuantTables.table(quality, true);
        Planes planes = Planes.of(image);
        var out = new BitWriter(w * h / 3 + 1024);
        writeHeaders(out, w, h, lumaTable, chromaTable);
        encodeScan(out, planes, w, h, divisors(lumaTable), divisors(chromaTable));
        out.flushWithOnes();
        out.writeMarker(0xD9);
        return out.toByteArray();
    }

    /**
     * jcdctmgr.c: the ISLOW DCT output is scaled by 8, so libjpeg divides by the table entry times 8. The division
     * is done as a multiplication by ceil(2^32 / divisor), exact for dividends below 2^20 (DCT outputs stay below
     * 2^17) because the error term dividend * (reciprocal * divisor - 2^32) stays below 2^32.
     */
    private static Divisors divisors(int[] table) {
        int[] halves = new int[64];
        long[] reciprocals = new long[64];
        for (int i = 0; i < 64; i++) {
            int divisor = table[i] << 3;
            halves[i] = divisor >> 1;
            reciprocals[i] = ((1L << 32) + divisor - 1) / divisor;
        }
        return new Divisors(halves, reciprocals);
    }

    private record Divisors(int[] halves, long[] reciprocals) {
    }

    /** Y at full resolution, Cb and Cr downsampled 2x2, each padded the way libjpeg pads them. */
    private record Planes(byte[] y, int yStride, byte[] cb, byte[] cr, int chromaStride) {

        /**
         * Columns and rows past the image repeat the last ones (jcsample.c expand_right_edge, jcprepct.c
         * expand_bottom_edge); Y blocks wholly outside the image become dummy blocks later anyway.
         */
        static Planes of(RgbImage image) {
            int w = image.width();
            int h = image.height();
            int stride = (w + 15) / 16 * 16;
            int rows = (h + 15) / 16 * 16;
            byte[] y = new byte[stride * rows];
            byte[] cbFull = new byte[stride * rows];
            byte[] crFull = new byte[stride * rows];
            byte[] rgb = image.rgb();
            for (int row = 0; row < h; row++) {
                int at = row * stride;
                JpegColour.rgbRowToPlanes(rgb, row * w * 3, w, y, cbFull, crFull, at);
                for (int x = w; x < stride; x++) {
                    y[at + x] = y[at + w - 1];
                    cbFull[at + x] = cbFull[at + w - 1];
                    crFull[at + x] = crFull[at + w - 1];
                }
            }
            for (int row = h; row < rows; row++) {
                System.arraycopy(y, (h - 1) * stride, y, row * stride, stride);
                System.arraycopy(cbFull, (h - 1) * stride, cbFull, row * stride, stride);
                System.arraycopy(crFull, (h - 1) * stride, crFull, row * stride, stride);
            }
            int chromaStride = stride / 2;
            int chromaRows = rows / 2;
            int realChromaRows = (h + 1) / 2;
            byte[] cb = new byte[chromaStride * chromaRows];
            byte[] cr = new byte[chromaStride * chromaRows];
            for (int row = 0; row < realChromaRows; row++) {
                downsampleRow(cbFull, 2 * row * stride, stride, cb, row * chromaStride, chromaStride);
                downsampleRow(crFull, 2 * row * stride, stride, cr, row * chromaStride, chromaStride);
            }
            for (int row = realChromaRows; row < chromaRows; row++) {
                System.arraycopy(cb, (realChromaRows - 1) * chromaStride, cb, row * chromaStride, chromaStride);
                System.arraycopy(cr, (realChromaRows - 1) * chromaStride, cr, row * chromaStride, chromaStride);
            }
            return new Planes(y, stride, cb, cr, chromaStride);
        }

        /** jcsample.c h2v2_downsample: the mean of 2x2 samples with a bias alternating 1, 2, 1, 2, ... */
        private static void downsampleRow(byte[] full, int top, int stride, byte[] out, int at, int width) {
            int bottom = top + stride;
            for (int x = 0; x < width; x++) {
                int sum = (full[top + 2 * x] & 0xff) + (full[top + 2 * x + 1] & 0xff)
                        + (full[bottom + 2 * x] & 0xff) + (full[bottom + 2 * x + 1] & 0xff);
                out[at + x] = (byte) ((sum + 1 + (x & 1)) >> 2);
            }
        }
    }

    private static void encodeScan(BitWriter out, Planes p, int w, int h, Divisors lumaDivisors, Divisors chromaDivisors) {
        int mcuCols = (w + 15) / 16;
        int mcuRows = (h + 15) / 16;
        int lumaBlockCols = (w + 7) / 8;
        int lumaBlockRows = (h + 7) / 8;
        int[] block = new int[64];
        int[] zigzag = new int[64];
        int[] lastDc = new int[3];
        for (int my = 0; my < mcuRows; my++) {
            for (int mx = 0; mx < mcuCols; mx++) {
                for (int yi = 0; yi < 2; yi++) {
                    for (int xi = 0; xi < 2; xi++) {
                        int bx = 2 * mx + xi;
                        int by = 2 * my + yi;
                        if (bx < lumaBlockCols && by < lumaBlockRows) {
                            forwardDct(p.y(), by * 8 * p.yStride() + bx * 8, p.yStride(), block);
                            long nonZero = quantise(block, lumaDivisors, zigzag);
                            lastDc[0] = encodeBlock(out, zigzag, nonZero, lastDc[0], DC_LUMA, AC_LUMA);
                        } else {
                            encodeDummyBlock(out, DC_LUMA, AC_LUMA); // jccoefct.c: DC of the previous block, no AC
                        }
                    }
                }
                int chromaOffset = my * 8 * p.chromaStride() + mx * 8;
                forwardDct(p.cb(), chromaOffset, p.chromaStride(), block);
                long cbNonZero = quantise(block, chromaDivisors, zigzag);
                lastDc[1] = encodeBlock(out, zigzag, cbNonZero, lastDc[1], DC_CHROMA, AC_CHROMA);
                forwardDct(p.cr(), chromaOffset, p.chromaStride(), block);
                long crNonZero = quantise(block, chromaDivisors, zigzag);
                lastDc[2] = encodeBlock(out, zigzag, crNonZero, lastDc[2], DC_CHROMA, AC_CHROMA);
            }
        }
    }

    private static final int CONST_BITS = 13;
    private static final int PASS1_BITS = 2;
    private static final int FIX_0_298631336 = 2446;
    private static final int FIX_0_390180644 = 3196;
    private static final int FIX_0_541196100 = 4433;
    private static final int FIX_0_765366865 = 6270;
    private static final int FIX_0_899976223 = 7373;
    private static final int FIX_1_175875602 = 9633;
    private static final int FIX_1_501321110 = 12299;
    private static final int FIX_1_847759065 = 15137;
    private static final int FIX_1_961570560 = 16069;
    private static final int FIX_2_053119869 = 16819;
    private static final int FIX_2_562915447 = 20995;
    private static final int FIX_3_072711026 = 25172;

    private static int descale(int x, int n) {
        return (x + (1 << (n - 1))) >> n;
    }

    /** jfdctint.c jpeg_fdct_islow on the level-shifted 8x8 block at {@code offset}, natural order. */
    private static void forwardDct(byte[] plane, int offset, int stride, int[] d) {
        for (int row = 0; row < 8; row++) {
            int s = offset + row * stride;
            int o = row * 8;
            int d0 = (plane[s] & 0xff) - 128;
            int d1 = (plane[s + 1] & 0xff) - 128;
            int d2 = (plane[s + 2] & 0xff) - 128;
            int d3 = (plane[s + 3] & 0xff) - 128;
            int d4 = (plane[s + 4] & 0xff) - 128;
            int d5 = (plane[s + 5] & 0xff) - 128;
            int d6 = (plane[s + 6] & 0xff) - 128;
            int d7 = (plane[s + 7] & 0xff) - 128;
            int tmp0 = d0 + d7;
            int tmp7 = d0 - d7;
            int tmp1 = d1 + d6;
            int tmp6 = d1 - d6;
            int tmp2 = d2 + d5;
            int tmp5 = d2 - d5;
            int tmp3 = d3 + d4;
            int tmp4 = d3 - d4;
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;
            d[o] = (tmp10 + tmp11) << PASS1_BITS;
            d[o + 4] = (tmp10 - tmp11) << PASS1_BITS;
            int z1 = (tmp12 + tmp13) * FIX_0_541196100;
            d[o + 2] = descale(z1 + tmp13 * FIX_0_765366865, CONST_BITS - PASS1_BITS);
            d[o + 6] = descale(z1 - tmp12 * FIX_1_847759065, CONST_BITS - PASS1_BITS);
            oddPart(d, o, 1, tmp4, tmp5, tmp6, tmp7, CONST_BITS - PASS1_BITS);
        }
        for (int col = 0; col < 8; col++) {
            int tmp0 = d[col] + d[col + 56];
            int tmp7 = d[col] - d[col + 56];
            int tmp1 = d[col + 8] + d[col + 48];
            int tmp6 = d[col + 8] - d[col + 48];
            int tmp2 = d[col + 16] + d[col + 40];
            int tmp5 = d[col + 16] - d[col + 40];
            int tmp3 = d[col + 24] + d[col + 32];
            int tmp4 = d[col + 24] - d[col + 32];
            int tmp10 = tmp0 + tmp3;
            int tmp13 = tmp0 - tmp3;
            int tmp11 = tmp1 + tmp2;
            int tmp12 = tmp1 - tmp2;
            d[col] = descale(tmp10 + tmp11, PASS1_BITS);
            d[col + 32] = descale(tmp10 - tmp11, PASS1_BITS);
            int z1 = (tmp12 + tmp13) * FIX_0_541196100;
            d[col + 16] = descale(z1 + tmp13 * FIX_0_765366865, CONST_BITS + PASS1_BITS);
            d[col + 48] = descale(z1 - tmp12 * FIX_1_847759065, CONST_BITS + PASS1_BITS);
            oddPart(d, col, 8, tmp4, tmp5, tmp6, tmp7, CONST_BITS + PASS1_BITS);
        }
    }

    /** The odd-frequency outputs 1, 3, 5, 7 of one row ({@code step} 1) or column ({@code step} 8). */
    private static void oddPart(int[] d, int o, int step, int tmp4, int tmp5, int tmp6, int tmp7, int shift) {
        int z1 = tmp4 + tmp7;
        int z2 = tmp5 + tmp6;
        int z3 = tmp4 + tmp6;
        int z4 = tmp5 + tmp7;
        int z5 = (z3 + z4) * FIX_1_175875602;
        tmp4 *= FIX_0_298631336;
        tmp5 *= FIX_2_053119869;
        tmp6 *= FIX_3_072711026;
        tmp7 *= FIX_1_501321110;
        z1 *= -FIX_0_899976223;
        z2 *= -FIX_2_562915447;
        z3 = z3 * -FIX_1_961570560 + z5;
        z4 = z4 * -FIX_0_390180644 + z5;
        d[o + 7 * step] = descale(tmp4 + z1 + z3, shift);
        d[o + 5 * step] = descale(tmp5 + z2 + z4, shift);
        d[o + 3 * step] = descale(tmp6 + z2 + z3, shift);
        d[o + step] = descale(tmp7 + z1 + z4, shift);
    }

    /**
     * jcdctmgr.c quantisation (round half away from zero, division truncating toward zero), written in zigzag order
     * into {@code zigzag}; returns the mask of non-zero coefficients so that the entropy coder can jump from one
     * to the next instead of testing 63 mostly-zero values.
     */
    private static long quantise(int[] block, Divisors divisors, int[] zigzag) {
        int[] halves = divisors.halves();
        long[] reciprocals = divisors.reciprocals();
        long nonZero = 0;
        for (int i = 0; i < 64; i++) {
            int v = block[i];
            int sign = v >> 31; // branch-free |v| and back: the sign is unpredictable
            int magnitude = (int) ((((v ^ sign) - sign + halves[i]) * reciprocals[i]) >>> 32);
            int q = (magnitude ^ sign) - sign;
            int k = NATURAL_TO_ZIGZAG[i];
            zigzag[k] = q;
            nonZero |= (long) ((q | -q) >>> 31) << k;
        }
        return nonZero;
    }

    /** jchuff.c encode_one_block on a zigzag-ordered block; returns the block's DC for the next difference. */
    private static int encodeBlock(BitWriter out, int[] zigzag, long nonZero, int lastDc, HuffmanCodes dc,
                                   HuffmanCodes ac) {
        writeValue(out, dc, 0, zigzag[0] - lastDc);
        long acLeft = nonZero & ~1L;
        int previous = 0;
        while (acLeft != 0) {
            int k = Long.numberOfTrailingZeros(acLeft);
            int run = k - previous - 1;
            while (run > 15) {
                out.write(ac.code[0xF0], ac.length[0xF0]);
                run -= 16;
            }
            writeValue(out, ac, run << 4, zigzag[k]);
            previous = k;
            acLeft &= acLeft - 1;
        }
        if (previous != 63) {
            out.write(ac.code[0], ac.length[0]);
        }
        return zigzag[0];
    }

    private static void encodeDummyBlock(BitWriter out, HuffmanCodes dc, HuffmanCodes ac) {
        out.write(dc.code[0], dc.length[0]);
        out.write(ac.code[0], ac.length[0]);
    }

    /** The Huffman code for (run, size of v) then the low "size" bits of v (ones' complement when negative). */
    private static void writeValue(BitWriter out, HuffmanCodes table, int runBits, int v) {
        int magnitude = Math.abs(v);
        int size = 32 - Integer.numberOfLeadingZeros(magnitude);
        int symbol = runBits | size;
        out.write(table.code[symbol], table.length[symbol]);
        if (size > 0) {
            out.write((v < 0 ? v - 1 : v) & ((1 << size) - 1), size);
        }
    }

    private static void writeHeaders(BitWriter out, int w, int h, int[] lumaTable, int[] chromaTable) {
        out.writeMarker(0xD8);
        out.writeMarker(0xE0);
        out.writeBytes(0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0); // JFIF 1.01, 1:1 aspect, no thumb
        writeQuantTable(out, 0, lumaTable);
        writeQuantTable(out, 1, chromaTable);
        out.writeMarker(0xC0);
        out.writeBytes(0, 17, 8, h >> 8, h & 0xff, w >> 8, w & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1);
        writeHuffmanTable(out, 0x00, JPEGHuffmanTable.StdDCLuminance);
        writeHuffmanTable(out, 0x10, JPEGHuffmanTable.StdACLuminance);
        writeHuffmanTable(out, 0x01, JPEGHuffmanTable.StdDCChrominance);
        writeHuffmanTable(out, 0x11, JPEGHuffmanTable.StdACChrominance);
        out.writeMarker(0xDA);
        out.writeBytes(0, 12, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0);
    }

    private static void writeQuantTable(BitWriter out, int id, int[] table) {
        out.writeMarker(0xDB);
        out.writeBytes(0, 67, id);
        for (int k = 0; k < 64; k++) {
            out.writeBytes(table[QuantTables.ZIGZAG_TO_NATURAL[k]]);
        }
    }

    private static void writeHuffmanTable(BitWriter out, int classAndId, JPEGHuffmanTable table) {
        short[] lengths = table.getLengths();
        short[] values = table.getValues();
        out.writeMarker(0xC4);
        int length = 2 + 1 + 16 + values.length;
        out.writeBytes(length >> 8, length & 0xff, classAndId);
        for (short n : lengths) {
            out.writeBytes(n);
        }
        for (short v : values) {
            out.writeBytes(v);
        }
    }

    /** Code and length per symbol (jchuff.c jpeg_make_c_derived_tbl). */
    private static final class HuffmanCodes {
        final int[] code = new int[256];
        final int[] length = new int[256];

        HuffmanCodes(JPEGHuffmanTable table) {
            short[] counts = table.getLengths();
            short[] symbols = table.getValues();
            int next = 0;
            int k = 0;
            for (int size = 1; size <= 16; size++) {
                for (int i = 0; i < counts[size - 1]; i++) {
                    code[symbols[k]] = next++;
                    length[symbols[k]] = size;
                    k++;
                }
                next <<= 1;
            }
        }
    }

    /** Entropy-coded output with 0xFF byte stuffing, plus raw header bytes. */
    private static final class BitWriter {
        private byte[] buf;
        private int size;
        private long bits;
        private int count;

        BitWriter(int capacity) {
            buf = new byte[capacity];
        }

        /** Appends the low {@code length} (at most 16) bits; {@code value} must have no higher bits set. */
        void write(int value, int length) {
            bits = (bits << length) | value;
            count += length;
            if (count >= 32) {
                emitBytes(4);
            }
        }

        private void emitBytes(int n) {
            for (int i = 0; i < n; i++) {
                count -= 8;
                int b = (int) (bits >>> count) & 0xff;
                put(b);
                if (b == 0xFF) {
                    put(0);
                }
            }
        }

        /** jchuff.c flush_bits: pad the last byte with one bits. */
        void flushWithOnes() {
            int padding = (8 - count % 8) % 8;
            bits = (bits << padding) | ((1 << padding) - 1);
            count += padding;
            emitBytes(count / 8);
            bits = 0;
        }

        void writeMarker(int marker) {
            writeBytes(0xFF, marker);
        }

        void writeBytes(int... bytes) {
            for (int b : bytes) {
                put(b);
            }
        }

        private void put(int b) {
            if (size == buf.length) {
                buf = java.util.Arrays.copyOf(buf, buf.length * 2);
            }
            buf[size++] = (byte) b;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, size);
        }
    }
}
