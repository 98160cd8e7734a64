package dev.robucap.common.data.transform;

/** A rectangle of an image in pixels: torchvision's crop parameters (top, left, height, width), named plainly. */
public record CropBox(int left, int top, int width, int height) {

    public CropBox {
        if (left < 0 || top < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a crop needs a non-negative corner and a positive size, got " + this);
        }
    }

    /** Refuses a box that reaches outside a {@code imageWidth}×{@code imageHeight} image (Pillow would pad it). */
    public void requireInside(int imageWidth, int imageHeight) {
        if (left + width > imageWidth || top + height > imageHeight) {
            throw new IllegalArgumentException("crop " + this + " reaches outside the " + imageWidth + "x"
                    + imageHeight + " image");
        }
    }

    @Override
    public String toString() {
        return width + "x" + height + " at (" + left + ", " + top + ")";
    }
}
