package dev.robucap.ml.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import dev.robucap.common.data.coco.CaptionParameters;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CaptionerModelTest {

    private static final CaptionerModel MODEL = new CaptionerModel(CaptionerModel.ARCHITECTURE, "+7",
            "models/encoder-trainer-abc", "+2", 4, 2, TinyCaptions.SIZE, TinyCaptions.HYPER,
            CaptionParameters.TUTORIAL, 3, 0.25);

    @Test
    void itsJsonReadsBackAsItself() {
        assertEquals(MODEL, CaptionerModel.fromJson(MODEL.toJson()));
        String json = new String(MODEL.toJson(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"architecture\" : \"show-attend-tell\""), json);
        assertTrue(json.contains("\"encodedImageSize\" : 2"), json);
    }

    @Test
    void anotherArchitectureIsRefused() {
        byte[] json = new String(MODEL.toJson(), StandardCharsets.UTF_8).replace("show-attend-tell", "resnet18")
                .getBytes(StandardCharsets.UTF_8);
        var e = assertThrows(IllegalArgumentException.class, () -> CaptionerModel.fromJson(json));
        assertTrue(e.getMessage().contains("not a show-attend-tell captioner"), e.getMessage());
    }

    @Test
    void theLoadedCaptionerCaptionsAsTheOneSaved() {
        InMemoryCaptionExamples images = TinyCaptions.random(5, 9);
        try (NDManager manager = NDManager.newBaseManager()) {
            CaptionEncoder encoder = TinyCaptions.encoder(manager, 21);
            AttentionDecoder decoder = new AttentionDecoder(TinyCaptions.WORDS.size(), TinyCaptions.HYPER);
            decoder.initialize(manager);
            var saved = new Captioner(encoder, decoder, TinyCaptions.WORDS, 2,
                    TinyCaptions.HYPER.maxCaptionLength(), TinyCaptions.HYPER.batchSize()).caption(manager, images);

            var loaded = MODEL.load(CaptionerTrainer.weights(encoder, decoder), TinyCaptions.WORDS, 2, manager)
                    .caption(manager, images);

            assertEquals(saved, loaded);
            assertEquals(5, loaded.size());
        }
    }
}
