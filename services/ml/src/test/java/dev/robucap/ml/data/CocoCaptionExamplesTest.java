package dev.robucap.ml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.robucap.common.data.coco.CaptionImageTransform;
import dev.robucap.common.data.coco.CaptionParameters;
import dev.robucap.common.data.coco.CocoExample;
import dev.robucap.common.data.coco.WordMap;
import dev.robucap.common.data.transform.Normalization;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.jpeg.Jpeg;
import dev.robucap.ml.caption.CaptionExamples;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CocoCaptionExamplesTest {

    private static final CaptionParameters CAPTIONS = new CaptionParameters(5, 2, 1, 0);
    private static final CaptionImageTransform TRANSFORM = new CaptionImageTransform(16, Normalization.IMAGENET);

    private final Map<String, byte[]> files = new HashMap<>();
    private final List<CocoExample> images = List.of(
            new CocoExample("coco/a.jpg", 11, List.of(List.of("a", "red", "dog"), List.of("a", "dog"))),
            new CocoExample("coco/b.jpg", 12, List.of(List.of("a", "red", "cat"), List.of("one", "cat"))),
            new CocoExample("coco/c.jpg", 13, List.of(List.of("a", "dog"), List.of("a", "red", "dog"))));
    /** Words seen more than once: a, red, dog, cat. */
    private final WordMap words = WordMap.build(images.stream().flatMap(i -> i.captions().stream()).toList(), 1);

    CocoCaptionExamplesTest() {
        for (int i = 0; i < images.size(); i++) {
            byte[] rgb = new byte[20 * 24 * 3];
            for (int p = 0; p < rgb.length; p++) {
                rgb[p] = (byte) (p * (i + 5));
            }
            files.put(images.get(i).key(), Jpeg.encode(new RgbImage(20, 24, rgb), 90));
        }
    }

    private CocoCaptionExamples examples(boolean training) {
        return new CocoCaptionExamples(files::get, images, words, CAPTIONS, TRANSFORM, training, 2,
                DecodeLimits.DEFAULT);
    }

    @Test
    void trainingHasAnExamplePerImageAndCaptionEvaluationOnePerImage() {
        try (var training = examples(true); var evaluation = examples(false)) {
            assertEquals(6, training.size());
            assertEquals(3, evaluation.size());
            assertEquals(images.get(1), training.image(3));
            assertArrayEquals(words.encode(List.of("one", "cat"), 5).ids(), training.caption(3));
            assertEquals(4, training.captionLength(3));
            assertEquals(images.get(1), evaluation.image(1));
        }
    }

    @Test
    void referencesAreTheCaptionsAsTheWordMapSeesThem() {
        try (var evaluation = examples(false)) {
            assertEquals(List.of(List.of("a", "red", "cat"), List.of("<unk>", "cat")), evaluation.references(1));
        }
    }

    @Test
    void imagesAreTheTransformsTensors() throws Exception {
        try (var training = examples(true); NDManager manager = NDManager.newBaseManager()) {
            CaptionExamples.Batch batch = training.batch(manager, 0, new int[] {5, 0});
            assertArrayEquals(new int[] {5, 0}, batch.indices());
            assertEquals(new Shape(2, 3, 16, 16), batch.images().getShape());
            float[] expected = TRANSFORM.toTensor(Jpeg.decode(files.get("coco/c.jpg"), DecodeLimits.DEFAULT));
            float[] first = new float[expected.length];
            System.arraycopy(batch.images().toFloatArray(), 0, first, 0, first.length);
            assertArrayEquals(expected, first);
        }
    }

    @Test
    void anImageThatDoesNotDecodeIsLeftOutOfItsBatchAndCountedOnce() {
        files.put("coco/b.jpg", "not a JPEG".getBytes(StandardCharsets.UTF_8));
        try (var training = examples(true); NDManager manager = NDManager.newBaseManager()) {
            CaptionExamples.Batch batch = training.batch(manager, 0, new int[] {2, 0, 3, 4});
            assertArrayEquals(new int[] {0, 4}, batch.indices());
            assertEquals(new Shape(2, 3, 16, 16), batch.images().getShape());

            CaptionExamples.Batch none = training.batch(manager, 1, new int[] {3});
            assertArrayEquals(new int[0], none.indices());
            assertEquals(new Shape(0, 3, 16, 16), none.images().getShape());
            assertEquals(1, training.corruptImages());
            assertEquals(List.of("coco/b.jpg"), training.corruptKeys());
        }
    }
}
