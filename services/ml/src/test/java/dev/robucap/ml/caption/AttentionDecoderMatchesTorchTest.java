package dev.robucap.ml.caption;

import static dev.robucap.ml.caption.TorchReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder against the tutorial's DecoderWithAttention in PyTorch ({@code tools/reference/make_caption_vectors.py},
 * decoder.json): a teacher-forced pass over captions of different lengths given in no particular order, the loss and
 * its two parts, and the gradients of every parameter and of the encoder output.
 */
class AttentionDecoderMatchesTorchTest {

    private static final JsonNode REFERENCE = TorchReference.load("decoder.json");

    @Test
    void teacherForcedLogitsAlphasLossAndGradientsEqualTorchs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            AttentionDecoder decoder = TorchReference.decoder(REFERENCE, 0, manager);
            NDArray encoderOut = TorchReference.array(REFERENCE.get("encoder_out"), manager);
            encoderOut.setRequiresGradient(true);
            ParameterStore ps = new ParameterStore(manager, false);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TeacherForced out = decoder.teacherForce(ps, encoderOut, captions(), lengths(), true);
                assertClose(REFERENCE.get("logits").get("values"), out.logits().toFloatArray(), 1e-5, "logits");
                assertClose(REFERENCE.get("alphas").get("values"), out.alphas().toFloatArray(), 1e-5, "alphas");
                CaptionLoss.Value loss = CaptionLoss.of(out, 1.0);
                assertClose(REFERENCE.get("cross_entropy").asDouble(), loss.crossEntropy().getFloat(), 1e-6,
                        "cross-entropy");
                assertClose(REFERENCE.get("attention_regularisation").asDouble(),
                        loss.attentionRegularisation().getFloat(), 1e-6, "attention regularisation");
                assertClose(REFERENCE.get("loss").asDouble(), loss.loss().getFloat(), 1e-6, "loss");
                collector.backward(loss.loss());
            }
            JsonNode grads = REFERENCE.get("grads");
            List<Parameter> parameters = decoder.getParameters().values();
            for (int i = 0; i < parameters.size(); i++) {
                assertClose(grads.get(i).get("values"), parameters.get(i).getArray().getGradient().toFloatArray(),
                        1e-5, "gradient of " + grads.get(i).get("name").asText());
            }
            assertClose(grads.get(parameters.size()).get("values"), encoderOut.getGradient().toFloatArray(), 1e-5,
                    "gradient of the encoder output");
        }
    }

    @Test
    void dropoutActsInTrainingOnlyAndScalesKeptValues() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            AttentionDecoder plain = TorchReference.decoder(REFERENCE, 0, manager);
            AttentionDecoder dropping = TorchReference.decoder(REFERENCE, 0.5, manager);
            NDArray encoderOut = TorchReference.array(REFERENCE.get("encoder_out"), manager);
            ParameterStore ps = new ParameterStore(manager, false);
            float[] expected = plain.teacherForce(ps, encoderOut, captions(), lengths(), true).logits().toFloatArray();
            float[] eval = dropping.teacherForce(ps, encoderOut, captions(), lengths(), false).logits().toFloatArray();
            assertArrayEquals(expected, eval, 1e-6f, "no dropout in eval mode");
            float[] train = dropping.teacherForce(ps, encoderOut, captions(), lengths(), true).logits()
                    .toFloatArray();
            boolean differs = false;
            for (int i = 0; i < train.length; i++) {
                differs |= Math.abs(train[i] - expected[i]) > 1e-4;
            }
            assertFalse(!differs, "dropout changes training-mode logits");
        }
    }

    @Test
    void aCaptionShorterThanTwoTokensIsRejected() {
        try (NDManager manager = NDManager.newBaseManager()) {
            AttentionDecoder decoder = TorchReference.decoder(REFERENCE, 0, manager);
            NDArray encoderOut = TorchReference.array(REFERENCE.get("encoder_out"), manager);
            int[] lengths = lengths();
            lengths[1] = 1;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> decoder.teacherForce(
                    new ParameterStore(manager, false), encoderOut, captions(), lengths, false));
            assertEquals("caption 1 has 9 tokens and length 1: a length is 2..9", e.getMessage());
        }
    }

    static int[][] captions() {
        JsonNode rows = REFERENCE.get("captions");
        int[][] captions = new int[rows.size()][];
        for (int i = 0; i < captions.length; i++) {
            captions[i] = TorchReference.ints(rows.get(i));
        }
        return captions;
    }

    static int[] lengths() {
        return TorchReference.ints(REFERENCE.get("lengths"));
    }
}
