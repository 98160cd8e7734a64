package dev.robucap.common.data.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.data.transform.Normalization;
import dev.robucap.common.image.Reference;
import dev.robucap.common.image.RgbImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Against tools/reference/make_coco_vectors.py: Pillow 9.4's square BILINEAR resize, then the tutorial's tensor. */
class CaptionImageTransformMatchesPillowTest {

    static Stream<Named<JsonNode>> resizes() {
        return StreamSupport.stream(Reference.json("coco/transforms.json").get("resizes").spliterator(), false)
                .map(v -> Named.of(v.get("image").asText() + " -> " + v.get("size").asInt(), v));
    }

    @ParameterizedTest
    @MethodSource("resizes")
    void theImageIsStretchedToASquareWithPillowsBytesAndNormalisedAsTheTutorialDoes(JsonNode v) throws Exception {
        int size = v.get("size").asInt();
        var transform = new CaptionImageTransform(size, Normalization.IMAGENET);
        RgbImage image = Reference.image(v.get("image").asText());

        RgbImage resized = transform.resize(image);
        assertEquals(size, resized.width());
        assertEquals(size, resized.height());
        assertEquals(v.get("sha256").asText(), resized.sha256());

        float[] tensor = transform.toTensor(image);
        assertEquals(3 * size * size, tensor.length);
        for (JsonNode s : v.get("samples")) {
            assertEquals(s.get("value").asDouble(), tensor[s.get("index").asInt()], 1e-6, s.toString());
        }
        var bytes = ByteBuffer.allocate(4 * tensor.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(tensor);
        assertEquals(v.get("float32Sha256").asText(),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array())));
    }

    @Test
    void theTutorialsImagesAre256SquareWithImageNetStatistics() {
        assertEquals(256, CaptionImageTransform.TUTORIAL.imageSize());
        assertEquals(Normalization.IMAGENET, CaptionImageTransform.TUTORIAL.normalization());
    }
}
