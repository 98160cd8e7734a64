package dev.robucap.evaluator.serving;

import dev.robucap.common.image.ImageDecodeException;
import dev.robucap.common.jpeg.DecodeLimits;
import dev.robucap.common.store.Keys;
import dev.robucap.stage.StageConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Captions one upload: checks the request (415 for another media type, 400 for a missing model or a bad beam size),
 * finds the captioner (404), decodes the image (400 naming what is wrong with it), captions it and draws the
 * attention maps if asked. Every request is timed by outcome ({@code robucap_caption_duration{outcome="200"}}).
 */
@ApplicationScoped
public class CaptionService {

    private final CaptionModels models;
    private final DecodeLimits limits;
    private final int maxBeamSize;
    private final MeterRegistry meters;

    @Inject
    public CaptionService(CaptionModels models, ServingConfig serving, StageConfig stage, MeterRegistry meters) {
        this.models = models;
        this.limits = new DecodeLimits(stage.images().maxPixels());
        this.maxBeamSize = serving.maxBeamSize();
        this.meters = meters;
    }

    /** {@code bytes} of media type {@code mediaType} (as declared by the request or its part; may be null). */
    CaptionResponse caption(String mediaType, byte[] bytes, CaptionQuery query) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "500";
        try {
            CaptionResponse response = captionOrRefuse(mediaType, bytes, query);
            outcome = "200";
            return response;
        } catch (WebApplicationException e) {
            outcome = Integer.toString(e.getResponse().getStatus());
            throw e;
        } finally {
            sample.stop(meters.timer("robucap_caption_duration", "outcome", outcome));
        }
    }

    private CaptionResponse captionOrRefuse(String mediaType, byte[] bytes, CaptionQuery query) {
        UploadFormat format = UploadFormat.of(mediaType).orElseThrow(() -> new NotSupportedException(
                "send the image as image/jpeg or image/png, or as the part 'file' of multipart/form-data; got "
                        + (mediaType == null ? "no content type" : Keys.quote(mediaType))));
        if (query.model == null || query.model.isBlank()) {
            throw new BadRequestException("the query parameter model is required: GET /v1/models lists the captioners");
        }
        Optional<Integer> beamSize = beamSize(query.beamSize);
        ServedCaptioner captioner = models.get(query.model);
        int beam = beamSize.orElse(captioner.model().hyper().beamSize());
        UploadFormat.Upload upload;
        try {
            upload = format.decode(bytes, limits);
        } catch (ImageDecodeException e) {
            throw new BadRequestException("the " + format.mediaType + " image cannot be captioned: " + e.getMessage());
        }
        float[] image = captioner.model().transform().toTensor(upload.image());
        Optional<ServedCaptioner.Caption> found;
        while ((found = captioner.caption(image, beam)).isEmpty()) {
            captioner = models.get(query.model); // unloaded by another request's load meanwhile: load it again
        }
        ServedCaptioner.Caption caption = found.get();
        int width = upload.image().width();
        int height = upload.image().height();
        return new CaptionResponse(captioner.prefix(), caption.text(), caption.tokens(), upload.estimatedJpegQuality(),
                beam, width, height, query.attention ? attention(caption, width, height) : null);
    }

    private Optional<Integer> beamSize(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        int beamSize;
        try {
            beamSize = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            beamSize = 0; // refused as out-of-range values are
        }
        if (beamSize >= 1 && beamSize <= maxBeamSize) {
            return Optional.of(beamSize);
        }
        throw new BadRequestException("beamSize must be an integer from 1 to " + maxBeamSize + ", got "
                + Keys.quote(value));
    }

    /** The map of every token after {@code <start>}, in order. */
    private static List<CaptionResponse.WordAttention> attention(ServedCaptioner.Caption caption, int width,
                                                                 int height) {
        List<CaptionResponse.WordAttention> maps = new ArrayList<>();
        for (int i = 0; i < caption.alphas().length; i++) {
            maps.add(new CaptionResponse.WordAttention(caption.tokens().get(i + 1),
                    AttentionMaps.png(caption.alphas()[i], width, height)));
        }
        return maps;
    }
}
