package dev.robucap.common.data.coco;

/**
 * How captions are prepared, as the tutorial's {@code create_input_files} does: captions longer than
 * {@code maxLength} tokens are dropped, {@code captionsPerImage} are kept per image (sampled from a generator seeded
 * with {@code seed}), and words occurring more than {@code minWordFrequency} times make the vocabulary.
 */
public record CaptionParameters(int maxLength, int captionsPerImage, int minWordFrequency, long seed) {

    /** The tutorial's COCO settings, and its seed (which does not give its samples: see {@link CocoDataset}). */
    public static final CaptionParameters TUTORIAL = new CaptionParameters(50, 5, 5, 123);

    public CaptionParameters {
        if (maxLength < 1 || captionsPerImage < 1 || minWordFrequency < 0) {
            throw new IllegalArgumentException("need max length >= 1, captions per image >= 1 and min word"
                    + " frequency >= 0, got " + maxLength + ", " + captionsPerImage + " and " + minWordFrequency);
        }
    }

    /** Tokens of an encoded caption: {@code <start>}, up to maxLength words, {@code <end>}, then padding. */
    public int encodedLength() {
        return maxLength + 2;
    }
}
