package dev.robucap.common.data.synthetic;

import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** The five object shapes; each is drawn centred at (cx, cy) inside a circle of the given diameter. */
public enum ShapeKind {
    CIRCLE, SQUARE, TRIANGLE, STAR, CROSS;

    /** The caption word. */
    public String word() {
        return name().toLowerCase();
    }

    /** The outline, turned by {@code rotation} radians about its centre. */
    public Shape outline(double cx, double cy, double diameter, double rotation) {
        double r = diameter / 2;
        Shape unit = switch (this) {
            case CIRCLE -> new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
            case SQUARE -> new Rectangle2D.Double(-r * 0.75, -r * 0.75, r * 1.5, r * 1.5);
            case TRIANGLE -> polygon(3, r, r);
            case STAR -> polygon(5, r, r * 0.45);
            case CROSS -> cross(r);
        };
        var transform = new AffineTransform();
        transform.translate(cx, cy);
        transform.rotate(rotation);
        return transform.createTransformedShape(unit);
    }

    /** A regular polygon (inner == outer) or a star: points alternate between the two radii. */
    private static Shape polygon(int points, double outer, double inner) {
        var path = new Path2D.Double();
        int vertices = inner == outer ? points : 2 * points;
        for (int i = 0; i < vertices; i++) {
            double radius = (inner == outer || i % 2 == 0) ? outer : inner;
            double angle = -Math.PI / 2 + 2 * Math.PI * i / vertices;
            double x = radius * Math.cos(angle);
            double y = radius * Math.sin(angle);
            if (i == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        return path;
    }

    private static Shape cross(double r) {
        double arm = r * 0.36;
        var path = new Path2D.Double();
        path.append(new Rectangle2D.Double(-r * 0.9, -arm, r * 1.8, 2 * arm), false);
        path.append(new Rectangle2D.Double(-arm, -r * 0.9, 2 * arm, r * 1.8), false);
        path.setWindingRule(Path2D.WIND_NON_ZERO);
        return path;
    }
}
