package dev.robucap.common.data.synthetic;

import dev.robucap.common.image.RgbImage;

/** A generated picture and the description it was drawn from. */
public record SyntheticImage(RgbImage image, Scene scene) {
}
