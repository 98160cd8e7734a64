package dev.robucap.common.data.synthetic;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes synthetic stand-ins for the paper's two data sets, in their real on-disk formats, so that the same readers
 * serve real and synthetic data. The output depends only on the spec, never on the thread count.
 */
public final class SyntheticData {

    private SyntheticData() {
    }

    /** ImageNet CLS-LOC layout under {@code root}; see {@link ImageNetSpec}. Uses all available processors. */
    public static WriteSummary writeImageNet(Path root, ImageNetSpec spec, ImageEncoder encoder) throws IOException {
        return writeImageNet(root, spec, encoder, Runtime.getRuntime().availableProcessors());
    }

    public static WriteSummary writeImageNet(Path root, ImageNetSpec spec, ImageEncoder encoder, int threads)
            throws IOException {
        return ImageNetWriter.write(root, spec, encoder, threads);
    }

    /** COCO 2014 folders and Karpathy's {@code dataset_coco.json} under {@code root}; see {@link CocoSpec}. */
    public static WriteSummary writeCoco(Path root, CocoSpec spec, ImageEncoder encoder) throws IOException {
        return writeCoco(root, spec, encoder, Runtime.getRuntime().availableProcessors());
    }

    public static WriteSummary writeCoco(Path root, CocoSpec spec, ImageEncoder encoder, int threads)
            throws IOException {
        return CocoWriter.write(root, spec, encoder, threads);
    }
}
