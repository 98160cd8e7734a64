package dev.robucap.common.jpeg;

/** What {@link Jpeg#decode(byte[], DecodeLimits)} refuses, checked from the header before pixels are allocated. */
public record DecodeLimits(long maxPixels) {

    public static final DecodeLimits DEFAULT = new DecodeLimits(50_000_000);

    public DecodeLimits {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("maxPixels must be positive, got " + maxPixels);
        }
    }
}
