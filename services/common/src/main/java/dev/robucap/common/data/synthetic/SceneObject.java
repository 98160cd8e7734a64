package dev.robucap.common.data.synthetic;

/**
 * One drawn object, as the captions describe it.
 *
 * @param stripeAngle degrees counter-clockwise from horizontal; {@link #stripes()} is its caption word
 * @param size        "large" or "medium" for the main object, "small" for distractors
 */
public record SceneObject(ShapeKind shape, Colour colour, double stripeAngle, Placement placement, String size,
                          Box box) {

    public Stripes stripes() {
        return Stripes.of(stripeAngle);
    }
}
