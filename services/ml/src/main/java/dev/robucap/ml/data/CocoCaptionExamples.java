package dev.robucap.ml.data;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.robucap.common.data.coco.CaptionImageTransform;
import dev.robucap.common.data.coco.CaptionParameters;
import dev.robucap.common.data.coco.CocoExample;
import dev.robucap.common.data.coco.EncodedCaption;
import dev.robucap.common.data.coco.WordMap;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.ml.caption.CaptionExamples;
import java.util.List;
import java.util.function.Function;

/**
 * COCO images read from the store with their captions, as the tutorial's CaptionDataset serves them: for training
 * one example per (image, caption) pair, image {@code index / captionsPerImage} with its caption
 * {@code index % captionsPerImage}; for evaluation one example per image. Images are stretched to a square and
 * normalised by the {@link CaptionImageTransform} (no random augmentation), decoded on {@code threads} threads, the
 * next batch while the current step computes; an image that cannot be decoded is left out of its batch with a
 * warning and counted. References are the image's captions as the word map encodes them, so that a word outside the
 * vocabulary is {@code <unk>}, as the tutorial's BLEU compares them.
 */
public final class CocoCaptionExamples implements CaptionExamples, AutoCloseable {

    private final List<CocoExample> images;
    private final WordMap words;
    private final int maxLength;
    /** Examples of one image: its captions when training, else 1. */
    private final int perImage;
    private final Shape imageShape;
    private final ParallelImageDecoder decoder;

    /** {@code images} are as {@code CocoDataset} prepares them with {@code captions}: captionsPerImage each. */
    public CocoCaptionExamples(Function<String, byte[]> reader, List<CocoExample> images, WordMap words,
                               CaptionParameters captions, CaptionImageTransform transform, boolean training,
                               int threads, DecodeLimits limits) {
        for (CocoExample image : images) {
            if (image.captions().size() != captions.captionsPerImage()) {
                throw new IllegalArgumentException(image.key() + " has " + image.captions().size()
                        + " captions, not " + captions.captionsPerImage());
            }
        }
        this.images = List.copyOf(images);
        this.words = words;
        this.maxLength = captions.maxLength();
        this.perImage = training ? captions.captionsPerImage() : 1;
        this.imageShape = new Shape(3, transform.imageSize(), transform.imageSize());
        this.decoder = new ParallelImageDecoder(reader, index -> image(index).key(),
                (image, epoch, index) -> transform.toTensor(image), threads, limits, "coco-decoder");
    }

    @Override
    public int size() {
        return images.size() * perImage;
    }

    /** The image of example {@code index}. */
    public CocoExample image(int index) {
        return images.get(index / perImage);
    }

    /** Distinct images that could not be decoded so far. */
    public int corruptImages() {
        return decoder.corruptImages();
    }

    /** Their keys, sorted. */
    public List<String> corruptKeys() {
        return decoder.corruptKeys();
    }

    @Override
    public void prefetch(int epoch, int[] indices) {
        decoder.prefetch(epoch, indices);
    }

    @Override
    public Batch batch(NDManager manager, int epoch, int[] indices) {
        ParallelImageDecoder.Decoded decoded = decoder.decode(epoch, indices);
        return new Batch(decoded.stack(manager, imageShape), decoded.indices()); // (n, 3, size, size)
    }

    @Override
    public int[] caption(int index) {
        return encoded(index).ids();
    }

    @Override
    public int captionLength(int index) {
        return encoded(index).length();
    }

    private EncodedCaption encoded(int index) {
        return words.encode(image(index).captions().get(index % perImage), maxLength);
    }

    @Override
    public List<List<String>> references(int index) {
        return image(index).captions().stream().map(c -> words.decode(words.encode(c, maxLength).ids())).toList();
    }

    @Override
    public void close() {
        decoder.close();
    }
}
