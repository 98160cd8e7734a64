package dev.robucap.ml.caption;

import static dev.robucap.ml.caption.TorchReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Batched beam search against the tutorial's algorithm run one image at a time in PyTorch (beam.json): six images,
 * beam sizes 1 (greedy) to 5, caption limits 50, 2 and 1; images finish at different steps, one never reaches
 * {@code <end>} within 50 words.
 */
class BeamSearchMatchesTorchTest {

    private static final JsonNode REFERENCE = TorchReference.load("beam.json");

    @Test
    void everyImagesBestSequenceScoreAndAttentionEqualTorchs() {
        try (NDManager manager = NDManager.newBaseManager()) {
            AttentionDecoder decoder = TorchReference.decoder(REFERENCE, 0.5, manager);
            NDArray encoderOut = TorchReference.array(REFERENCE.get("encoder_out"), manager);
            JsonNode tokens = REFERENCE.get("tokens");
            for (JsonNode c : REFERENCE.get("cases")) {
                String name = "beam " + c.get("beam_size").asInt() + ", at most " + c.get("max_caption_length")
                        + " words";
                BeamSearch search = new BeamSearch(decoder, c.get("beam_size").asInt(),
                        c.get("max_caption_length").asInt(), tokens.get("start").asInt(), tokens.get("end").asInt());
                List<BeamSearch.Caption> captions = search.search(new ParameterStore(manager, false), encoderOut);
                assertEquals(c.get("results").size(), captions.size(), name);
                for (int i = 0; i < captions.size(); i++) {
                    JsonNode expected = c.get("results").get(i);
                    BeamSearch.Caption actual = captions.get(i);
                    String what = name + ", image " + i;
                    assertArrayEquals(TorchReference.ints(expected.get("sequence")), actual.tokens(), what);
                    assertEquals(expected.get("complete").asBoolean(), actual.complete(), what);
                    assertClose(expected.get("score").asDouble(), actual.logProbability(), 1e-5, what + " score");
                    float[] alphas = new float[actual.alphas().length * actual.alphas()[0].length];
                    for (int t = 0; t < actual.alphas().length; t++) {
                        System.arraycopy(actual.alphas()[t], 0, alphas, t * actual.alphas()[t].length,
                                actual.alphas()[t].length);
                    }
                    assertClose(expected.get("alphas").get("values"), alphas, 1e-5, what + " alphas");
                }
            }
        }
    }

    @Test
    void aSearchLeavesNoArraysBehind() {
        try (NDManager manager = NDManager.newBaseManager()) {
            AttentionDecoder decoder = TorchReference.decoder(REFERENCE, 0.5, manager);
            NDArray encoderOut = TorchReference.array(REFERENCE.get("encoder_out"), manager);
            int before = manager.getManagedArrays().size();
            new BeamSearch(decoder, 3, 50, 1, 2).search(new ParameterStore(manager, false), encoderOut);
            assertEquals(before, manager.getManagedArrays().size());
        }
    }

    @Test
    void imagesAreIndependentOfTheirBatch() {
        try (NDManager manager = NDManager.newBaseManager()) {
            AttentionDecoder decoder = TorchReference.decoder(REFERENCE, 0.5, manager);
            NDArray encoderOut = TorchReference.array(REFERENCE.get("encoder_out"), manager);
            BeamSearch search = new BeamSearch(decoder, 3, 50, 1, 2);
            ParameterStore ps = new ParameterStore(manager, false);
            List<BeamSearch.Caption> batched = search.search(ps, encoderOut);
            for (int i = 0; i < batched.size(); i++) {
                NDArray one = encoderOut.get(i + ":" + (i + 1));
                assertArrayEquals(batched.get(i).tokens(), search.search(ps, one).get(0).tokens(), "image " + i);
            }
        }
    }
}
