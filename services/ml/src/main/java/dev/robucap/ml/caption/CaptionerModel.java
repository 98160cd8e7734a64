package dev.robucap.ml.caption;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.robucap.common.Json;
import dev.robucap.common.data.coco.CaptionImageTransform;
import dev.robucap.common.data.coco.CaptionParameters;
import dev.robucap.common.data.transform.Normalization;
import dev.robucap.ml.model.ResNet18;
import java.io.IOException;
import java.util.List;

/**
 * A trained captioner's {@code model.json}, beside its {@code model.params} ({@link CaptionerTrainer#weights}) and
 * {@code wordmap.json}: what rebuilds it (the encoder's ResNet-18 classes and stage width, the image size, the
 * hyper-parameters, the caption preparation its data set was read with), where it came from (the training-set
 * variant, the encoder-trainer output and that encoder's variant) and its best dev BLEU-4. The captioner-trainer
 * writes it, the evaluator reads it.
 */
public record CaptionerModel(String architecture, String variant, String encoder, String encoderVariant,
        int encoderClasses, int encoderWidth, int imageSize, CaptionerHyperParams hyper, CaptionParameters captions,
        int bestEpoch, double bestDevBleu4) {

    public static final String ARCHITECTURE = "show-attend-tell";

    public CaptionerModel {
        if (!ARCHITECTURE.equals(architecture)) {
            throw new IllegalArgumentException("not a " + ARCHITECTURE + " captioner: " + architecture);
        }
    }

    public byte[] toJson() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CaptionerModel fromJson(byte[] json) {
        try {
            return Json.MAPPER.readValue(json, CaptionerModel.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a captioner's model.json: " + e.getMessage(), e);
        }
    }

    /** The images it reads: stretched to imageSize² and normalised with ImageNet's statistics. */
    public CaptionImageTransform transform() {
        return new CaptionImageTransform(imageSize, Normalization.IMAGENET);
    }

    /**
     * The captioner of {@code weights} and the word map's {@code words}, captioning by beam search of
     * {@code beamSize} in batches of the training's batch size; its arrays are created in {@code manager}.
     */
    public Captioner load(byte[] weights, List<String> words, int beamSize, NDManager manager) {
        CaptionEncoder encoder = new CaptionEncoder(new ResNet18(encoderClasses, encoderWidth),
                hyper.encodedImageSize());
        encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 3, imageSize, imageSize));
        AttentionDecoder decoder = new AttentionDecoder(words.size(), hyper);
        decoder.initialize(manager);
        CaptionerTrainer.loadWeights(weights, encoder, decoder, manager);
        return new Captioner(encoder, decoder, words, beamSize, hyper.maxCaptionLength(), hyper.batchSize());
    }
}
