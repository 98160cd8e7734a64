package dev.robucap.common.data.coco;

import java.util.List;

/**
 * One valid entry of {@code dataset_coco.json}: {@code index} is its position in the images list (for messages),
 * {@code karpathySplit} one of train, restval, val, test, and {@code sentences} every sentence's tokens.
 */
record KarpathyImage(int index, String filepath, String filename, long imgid, long cocoid, String karpathySplit,
                     List<List<String>> sentences) {

    /** The image's key relative to the data set's root, as COCO's folders hold it. */
    String key() {
        return filepath + "/" + filename;
    }

    Split split() {
        return Split.ofKarpathy(karpathySplit).orElseThrow();
    }
}
