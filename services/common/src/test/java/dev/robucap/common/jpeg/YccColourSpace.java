package dev.robucap.common.jpeg;

import java.awt.color.ColorSpace;

/**
 * A colour space that only says "YCbCr" (JDK has none of that type): the JPEG writer reads nothing but the type.
 * Its conversions are never used by the codec and are plain pass-throughs.
 */
final class YccColourSpace extends ColorSpace {

    static final YccColourSpace INSTANCE = new YccColourSpace();

    private YccColourSpace() {
        super(TYPE_YCbCr, 3);
    }

    @Override
    public float[] toRGB(float[] value) {
        return value.clone();
    }

    @Override
    public float[] fromRGB(float[] rgb) {
        return rgb.clone();
    }

    @Override
    public float[] toCIEXYZ(float[] value) {
        return value.clone();
    }

    @Override
    public float[] fromCIEXYZ(float[] xyz) {
        return xyz.clone();
    }
}
