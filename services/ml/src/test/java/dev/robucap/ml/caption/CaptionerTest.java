package dev.robucap.ml.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaptionerTest {

    @Test
    void searchingWithTheCaptionersBeamSizeGivesItsCaptionsAndTheAttentionOfEveryWord() {
        InMemoryCaptionExamples images = TinyCaptions.random(3, 11);
        try (NDManager manager = NDManager.newBaseManager()) {
            AttentionDecoder decoder = new AttentionDecoder(TinyCaptions.WORDS.size(), TinyCaptions.HYPER);
            decoder.initialize(manager);
            var captioner = new Captioner(TinyCaptions.encoder(manager, 3), decoder, TinyCaptions.WORDS, 2,
                    TinyCaptions.HYPER.maxCaptionLength(), TinyCaptions.HYPER.batchSize());
            List<Captioner.Captioned> captioned = captioner.caption(manager, images);

            List<BeamSearch.Caption> found = captioner.search(manager,
                    images.batch(manager, 0, new int[] {0, 1, 2}).images(), 2);

            assertEquals(3, found.size());
            for (int i = 0; i < found.size(); i++) {
                BeamSearch.Caption caption = found.get(i);
                assertEquals(captioned.get(i).words(), captioner.words(caption.tokens()));
                assertEquals(caption.tokens().length - 1, caption.alphas().length, "one map per word after <start>");
                for (float[] alpha : caption.alphas()) {
                    assertEquals(2 * 2, alpha.length, "the feature map of a 64² image");
                    double sum = 0;
                    for (float a : alpha) {
                        sum += a;
                    }
                    assertEquals(1, sum, 1e-4);
                }
            }
        }
    }
}
