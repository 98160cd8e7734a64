package dev.robucap.common.data.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The whole evaluation recipe: Resize, CenterCrop, ToTensor, Normalize, against torchvision's tensor. */
class NormalizationMatchesTorchTest {

    static Stream<Named<JsonNode>> tensors() {
        return TransformVectors.section("tensors");
    }

    @ParameterizedTest
    @MethodSource("tensors")
    void evalTensorIsTorchvisions(JsonNode v) throws Exception {
        var transforms = ImageNetTransforms.imageNet(v.get("resize").asInt(), v.get("crop").asInt());
        float[] tensor = transforms.eval(TransformVectors.image(v.get("image").asText()));

        int crop = v.get("crop").asInt();
        assertEquals(3 * crop * crop, tensor.length);
        for (JsonNode s : v.get("samples")) {
            assertEquals(s.get("value").asDouble(), tensor[s.get("index").asInt()], 1e-6, s.toString());
        }
        double sum = 0;
        for (float f : tensor) {
            sum += f;
        }
        assertEquals(v.get("sum").asDouble(), sum, 1e-6 * tensor.length);
        // float32 division and subtraction are correctly rounded in Java as in torch's CPU kernels: same bits.
        var bytes = ByteBuffer.allocate(4 * tensor.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(tensor);
        assertEquals(v.get("float32Sha256").asText(),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array())));
    }
}
