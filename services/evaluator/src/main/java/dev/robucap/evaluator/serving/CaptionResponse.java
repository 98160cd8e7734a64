package dev.robucap.evaluator.serving;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code POST /v1/captions}. */
public record CaptionResponse(
        @Schema(description = "The captioner's prefix in the store") String model,
        @Schema(description = "The caption's words, without <start>, <end> and pads") String caption,
        @Schema(description = "Every token of the beam search's best sequence as the word map spells it, from <start>"
                + " (through <end> when the caption completed)") List<String> tokens,
        @Schema(description = "The IJG quality of the JPEG's quantisation tables; null for a PNG or tables that are"
                + " not IJG's scaled", nullable = true) Integer estimatedJpegQuality,
        int beamSize,
        @Schema(description = "The uploaded image's width") int width,
        @Schema(description = "The uploaded image's height") int height,
        @Schema(description = "With attention=true: one map per token after <start>")
        @JsonInclude(JsonInclude.Include.NON_NULL) List<WordAttention> attention) {

    /** Where the captioner looked when it predicted {@code word}. */
    public record WordAttention(
            String word,
            @Schema(description = "Base64 greyscale PNG the size of the upload: white where the weight is highest")
            byte[] png) {
    }
}
