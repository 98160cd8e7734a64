package dev.robucap.ml.caption;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.robucap.ml.model.ResNet18;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Random images with random captions over a ten-word map, and a tiny encoder: to exercise training, not to learn. */
final class TinyCaptions {

    static final List<String> WORDS = List.of("<pad>", "<start>", "<end>", "<unk>", "a", "b", "c", "d", "e", "f");
    static final int SIZE = 64; // ResNet-18's feature map is 2×2
    static final CaptionerHyperParams HYPER = CaptionerHyperParams.defaults().withDimensions(8, 8, 8, 16)
            .withBatchSize(4).withEpochs(1, 1).withMaxCaptionLength(6).withSeed(7).withEncodedImageSize(2);

    private TinyCaptions() {
    }

    static InMemoryCaptionExamples random(int count, long seed) {
        Random random = new Random(seed);
        List<InMemoryCaptionExamples.Example> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] image = new float[3 * SIZE * SIZE];
            for (int j = 0; j < image.length; j++) {
                image[j] = (float) random.nextGaussian();
            }
            int words = 1 + random.nextInt(5);
            int[] caption = new int[8];
            caption[0] = 1;
            List<String> text = new ArrayList<>();
            for (int w = 1; w <= words; w++) {
                caption[w] = 4 + random.nextInt(6);
                text.add(WORDS.get(caption[w]));
            }
            caption[words + 1] = 2;
            List<String> other = new ArrayList<>(text);
            other.add(WORDS.get(4 + random.nextInt(6)));
            examples.add(new InMemoryCaptionExamples.Example(image, Arrays.copyOf(caption, 8), words + 2,
                    List.of(text, other)));
        }
        return new InMemoryCaptionExamples(examples, SIZE, SIZE);
    }

    /** ResNet-18 of width 2 (16 channels) with weights drawn from {@code seed}: stands in for a trained encoder. */
    static CaptionEncoder encoder(NDManager manager, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        CaptionEncoder encoder = new CaptionEncoder(new ResNet18(4, 2), HYPER.encodedImageSize());
        encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 3, SIZE, SIZE));
        return encoder;
    }

    /** A stand-in for BLEU-4: the fraction of hypothesis words found in the image's references. */
    static double unigramPrecision(List<List<String>> hypotheses, List<List<List<String>>> references) {
        int matched = 0;
        int total = 0;
        for (int i = 0; i < hypotheses.size(); i++) {
            for (String word : hypotheses.get(i)) {
                total++;
                final String w = word;
                matched += references.get(i).stream().anyMatch(r -> r.contains(w)) ? 1 : 0;
            }
        }
        return total == 0 ? 0 : (double) matched / total;
    }
}
