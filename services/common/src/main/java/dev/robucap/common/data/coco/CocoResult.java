package dev.robucap.common.data.coco;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.robucap.common.Json;
import java.util.HashSet;
import java.util.List;

/**
 * One generated caption in the COCO results format, {@code {"image_id": cocoid, "caption": "a man riding …"}}, so
 * that users can score captions with their own tools (coco-caption's {@code loadRes}).
 */
@JsonPropertyOrder({"image_id", "caption"})
public record CocoResult(@JsonProperty("image_id") long imageId, String caption) {

    /** The caption of an image: its tokens (as {@link WordMap#decode} gives them) joined by single spaces. */
    public static CocoResult of(long cocoid, List<String> tokens) {
        return new CocoResult(cocoid, String.join(" ", tokens));
    }

    /** The results file: a JSON list, one caption per image. */
    public static byte[] toJson(List<CocoResult> results) {
        var seen = new HashSet<Long>();
        for (CocoResult result : results) {
            if (!seen.add(result.imageId())) {
                throw new IllegalArgumentException("image " + result.imageId() + " has two captions: COCO results"
                        + " hold one per image");
            }
        }
        try {
            return Json.MAPPER.writeValueAsBytes(results);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + results.size() + " results as JSON", e);
        }
    }
}
