package dev.robucap.common.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The reference vectors and files that tools/reference/make_jpeg_vectors.py wrote with Pillow and scikit-image. */
public final class Reference {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Reference() {
    }

    public static byte[] bytes(String path) {
        try (InputStream in = Reference.class.getResourceAsStream("/reference/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource reference/" + path
                        + "; run /usr/bin/python3 tools/reference/make_jpeg_vectors.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String path) {
        try {
            return JSON.readTree(bytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One of the generated test images (lossless PNG) as RGB. */
    public static RgbImage image(String name) {
        return ImageIoDecoder.decode(bytes("images/" + name + ".png"), Long.MAX_VALUE);
    }

    /** The single- and double-compression vectors for every test image and ladder quality. */
    public static List<LadderVector> ladder() {
        List<LadderVector> vectors = new ArrayList<>();
        for (JsonNode v : json("ladder.json").get("vectors")) {
            JsonNode psnr = v.get("psnr");
            vectors.add(new LadderVector(v.get("image").asText(), v.get("mode").asText(), v.get("quality").asInt(),
                    v.get("fileSha256").asText(), v.get("pixelsSha256").asText(),
                    psnr.isNull() ? Double.POSITIVE_INFINITY : psnr.asDouble(), v.get("ssim").asDouble(),
                    v.get("ssimY").asDouble()));
        }
        return vectors;
    }

    public record LadderVector(String image, String mode, int quality, String fileSha256, String pixelsSha256,
                               double psnr, double ssim, double ssimY) {

        public boolean isDouble() {
            return mode.equals("double");
        }

        @Override
        public String toString() {
            return image + " " + mode + " q=" + quality;
        }
    }
}
