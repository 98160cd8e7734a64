package dev.robucap.common.data.synthetic;

/** HSV to RGB in doubles, so that colours are exact functions of the random draws. */
final class Hsv {

    private Hsv() {
    }

    /** Writes r, g, b in 0..255 at {@code out[offset..offset+2]}; hue in degrees, saturation and value in [0, 1]. */
    static void toRgb(double hue, double saturation, double value, double[] out, int offset) {
        double h = Math.floorMod(Math.round(hue * 1000), 360_000) / 60_000.0;
        int sector = (int) h;
        double f = h - sector;
        double p = value * (1 - saturation);
        double q = value * (1 - saturation * f);
        double t = value * (1 - saturation * (1 - f));
        double r;
        double g;
        double b;
        switch (sector) {
            case 0 -> { r = value; g = t; b = p; }
            case 1 -> { r = q; g = value; b = p; }
            case 2 -> { r = p; g = value; b = t; }
            case 3 -> { r = p; g = q; b = value; }
            case 4 -> { r = t; g = p; b = value; }
            default -> { r = value; g = p; b = q; }
        }
        out[offset] = 255 * r;
        out[offset + 1] = 255 * g;
        out[offset + 2] = 255 * b;
    }

    static double[] toRgb(double hue, double saturation, double value) {
        var rgb = new double[3];
        toRgb(hue, saturation, value, rgb, 0);
        return rgb;
    }
}
