package dev.robucap.common.data.coco;

import java.util.List;

/**
 * One image of a split: its full key (the data set's root, a slash, {@code <filepath>/<filename>}), its COCO id
 * (the {@code image_id} of results), and its captions, tokenised, exactly {@link CaptionParameters#captionsPerImage}
 * of them: the training targets, and on the dev and test splits the BLEU references.
 */
public record CocoExample(String key, long cocoid, List<List<String>> captions) {

    public CocoExample {
        captions = captions.stream().map(List::copyOf).toList();
    }
}
