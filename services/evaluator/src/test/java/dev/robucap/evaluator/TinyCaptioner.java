package dev.robucap.evaluator;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.robucap.common.data.coco.CaptionParameters;
import dev.robucap.common.data.coco.WordMap;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.ml.caption.AttentionDecoder;
import dev.robucap.ml.caption.CaptionEncoder;
import dev.robucap.ml.caption.CaptionerHyperParams;
import dev.robucap.ml.caption.CaptionerModel;
import dev.robucap.ml.caption.CaptionerTrainer;
import dev.robucap.ml.model.ResNet18;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A captioner with random weights over a width-8 ResNet-18 and 32² images: to exercise the evaluator only. */
public final class TinyCaptioner {

    public static final CaptionParameters CAPTIONS = new CaptionParameters(50, 5, 1, 123);
    public static final CaptionerHyperParams HYPER = CaptionerHyperParams.defaults().withDimensions(16, 16, 16, 64)
            .withEncodedImageSize(1)
            .withBatchSize(3).withMaxCaptionLength(8);

    private TinyCaptioner() {
    }

    /** Publishes one under {@code prefix} as the captioner trainer does: model.params, model.json, wordmap.json. */
    public static void publish(ArtifactStore store, String prefix, WordMap words) {
        var model = new CaptionerModel(CaptionerModel.ARCHITECTURE, "+2", "models/encoder", "base", 3, 8, 32, HYPER,
                CAPTIONS, 0, 0.1);
        List<Manifest.Entry> entries = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(5);
            var encoder = new CaptionEncoder(new ResNet18(3, 8), HYPER.encodedImageSize());
            encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            var decoder = new AttentionDecoder(words.size(), HYPER);
            decoder.initialize(manager);
            entries.add(put(store, prefix, "model.params", CaptionerTrainer.weights(encoder, decoder),
                    "application/octet-stream"));
        }
        entries.add(put(store, prefix, "model.json", model.toJson(), "application/json"));
        entries.add(put(store, prefix, "wordmap.json", words.toJson(), "application/json"));
        store.publish(prefix, new Manifest(0, "captioner-trainer", "key", "task", Instant.now(), null, null, entries,
                null, null));
    }

    private static Manifest.Entry put(ArtifactStore store, String prefix, String name, byte[] bytes, String type) {
        store.put(prefix + "/" + name, bytes, type);
        return new Manifest.Entry(name, bytes.length, null);
    }
}
