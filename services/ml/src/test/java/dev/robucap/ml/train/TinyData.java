package dev.robucap.ml.train;

import java.util.Random;

/** Random images with random labels: enough to exercise training, not to learn anything. */
final class TinyData {

    private TinyData() {
    }

    static InMemoryExamples random(int count, int classes, int size, long seed) {
        Random random = new Random(seed);
        float[][] images = new float[count][3 * size * size];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < images[i].length; j++) {
                images[i][j] = (float) random.nextGaussian();
            }
            labels[i] = random.nextInt(classes);
        }
        return new InMemoryExamples(images, labels, size, size);
    }
}
