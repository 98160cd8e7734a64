package dev.robucap.common.data.transform;

/** torchvision 0.14's integer geometry for {@code Resize(int)} and {@code CenterCrop}, formula for formula. */
public final class TorchvisionGeometry {

    private TorchvisionGeometry() {
    }

    /** An output size in pixels. */
    public record Size(int width, int height) {
    }

    /**
     * {@code Resize(size)}: the shorter side becomes {@code size}, the longer {@code int(size * long / short)}
     * (truncated, as {@code _compute_resized_output_size} does); a square stays square.
     */
    public static Size resizeShorterSide(int width, int height, int size) {
        int longSide = (int) ((double) size * Math.max(width, height) / Math.min(width, height));
        return width <= height ? new Size(size, longSide) : new Size(longSide, size);
    }

    /**
     * {@code CenterCrop}: offsets {@code int(round((image - crop) / 2.0))}, where Python rounds halves to even
     * (an odd margin of 3 gives offset 2, of 1 gives 0). A crop larger than the image is refused: torchvision
     * would pad it with black, which the ImageNet recipe (crop after a larger resize) never needs.
     */
    public static CropBox centerCrop(int width, int height, int cropWidth, int cropHeight) {
        if (cropWidth > width || cropHeight > height) {
            throw new IllegalArgumentException("center crop " + cropWidth + "x" + cropHeight + " is larger than the "
                    + width + "x" + height + " image");
        }
        return new CropBox((int) Math.rint((width - cropWidth) / 2.0), (int) Math.rint((height - cropHeight) / 2.0),
                cropWidth, cropHeight);
    }
}
