package dev.robucap.common.data.transform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.image.Reference;
import dev.robucap.common.image.RgbImage;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;

/** The vectors that tools/reference/make_transform_vectors.py wrote with torchvision 0.14 and Pillow 9.4. */
final class TransformVectors {

    private static final JsonNode ROOT = Reference.json("transform/transforms.json");

    private TransformVectors() {
    }

    /** The vectors of one section, each named by its JSON for the test report. */
    static Stream<Named<JsonNode>> section(String name) {
        return StreamSupport.stream(ROOT.get(name).spliterator(), false).map(v -> Named.of(v.toString(), v));
    }

    /** A test image by the script's name: "pattern-WxH" or one of the reference PNGs. */
    static RgbImage image(String name) {
        if (name.startsWith("pattern-")) {
            String[] size = name.substring("pattern-".length()).split("x");
            return pattern(Integer.parseInt(size[0]), Integer.parseInt(size[1]));
        }
        return Reference.image(name);
    }

    /** The script's {@code pattern(w, h)}: fine stripes, a ramp and an XOR texture. */
    static RgbImage pattern(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    long v = (long) x * x * 3 + y * 7L + c * 85L + (x ^ y) * 5L + (((long) x * y) >> 4);
                    rgb[(y * width + x) * 3 + c] = (byte) (v & 0xff);
                }
            }
        }
        return new RgbImage(width, height, rgb);
    }
}
