package dev.robucap.common.data.synthetic;

/** A pixel bounding box, inclusive corners, as ImageNet's LOC files write it: xmin ymin xmax ymax. */
public record Box(int xMin, int yMin, int xMax, int yMax) {

    public Box {
        if (xMin > xMax || yMin > yMax) {
            throw new IllegalArgumentException("empty box " + xMin + "," + yMin + "," + xMax + "," + yMax);
        }
    }
}
