package dev.robucap.ml.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.robucap.common.data.imagenet.Example;
import dev.robucap.common.data.transform.ImageNetTransforms;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.jpeg.Jpeg;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ImageNetExamplesTest {

    private final Map<String, byte[]> files = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final List<Example> examples = new ArrayList<>();

    ImageNetExamplesTest() {
        for (int i = 0; i < 6; i++) {
            byte[] rgb = new byte[40 * 30 * 3];
            for (int p = 0; p < rgb.length; p++) {
                rgb[p] = (byte) (p * (i + 3) + (p / 120) * 7);
            }
            files.put("img" + i, Jpeg.encode(new RgbImage(40, 30, rgb), 90));
            examples.add(new Example("img" + i, i % 3));
        }
        files.put("img5", "truncated or not an image at all".getBytes(StandardCharsets.UTF_8));
    }

    private ImageNetExamples source(boolean training) {
        return new ImageNetExamples(key -> {
            reads.incrementAndGet();
            return files.get(key);
        }, examples, ImageNetTransforms.imageNet(36, 32), training, 7, 2, DecodeLimits.DEFAULT);
    }

    @Test
    void aPrefetchedBatchEqualsAFreshOneAndIsDecodedOnce() {
        int[] indices = {4, 0, 2};
        try (var fresh = source(true); var ahead = source(true); NDManager manager = NDManager.newBaseManager()) {
            NDList expected = fresh.batch(manager, 3, indices);
            reads.set(0);

            ahead.prefetch(3, indices);
            NDList actual = ahead.batch(manager, 3, indices);

            assertEquals(3, reads.get());
            assertArrayEquals(expected.get(0).toFloatArray(), actual.get(0).toFloatArray());
            assertArrayEquals(new int[] {1, 0, 2}, actual.get(1).toIntArray());
        }
    }

    @Test
    void trainingCropsDependOnTheEpochAndAreRepeatableEvaluationDoesNotChange() {
        int[] indices = {1};
        try (var a = source(true); var b = source(true); var eval = source(false);
             NDManager manager = NDManager.newBaseManager()) {
            float[] epoch0 = a.batch(manager, 0, indices).get(0).toFloatArray();
            assertArrayEquals(epoch0, b.batch(manager, 0, indices).get(0).toFloatArray());
            float[] epoch1 = a.batch(manager, 1, indices).get(0).toFloatArray();
            assertEquals(false, java.util.Arrays.equals(epoch0, epoch1));
            assertArrayEquals(eval.batch(manager, 0, indices).get(0).toFloatArray(),
                    eval.batch(manager, 5, indices).get(0).toFloatArray());
        }
    }

    @Test
    void aCorruptImageIsLeftOutOfItsBatchAndCounted() {
        try (var source = source(false); NDManager manager = NDManager.newBaseManager()) {
            NDList batch = source.batch(manager, 0, new int[] {5, 3, 5});
            assertEquals(1, batch.get(0).getShape().get(0));
            assertArrayEquals(new int[] {0}, batch.get(1).toIntArray());
            assertEquals(1, source.corruptImages());
        }
    }
}
