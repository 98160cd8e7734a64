package dev.robucap.common.data.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CocoResultTest {

    @Test
    void resultsAreCocosListOfImageIdsAndCaptionsOfSpaceJoinedTokens() {
        byte[] json = CocoResult.toJson(List.of(CocoResult.of(391895, List.of("a", "man", "on", "a", "bike")),
                CocoResult.of(7, List.of("<unk>")), CocoResult.of(8, List.of())));
        assertEquals("[{\"image_id\":391895,\"caption\":\"a man on a bike\"},{\"image_id\":7,\"caption\":\"<unk>\"},"
                + "{\"image_id\":8,\"caption\":\"\"}]", new String(json, StandardCharsets.UTF_8));
    }

    @Test
    void twoCaptionsOfOneImageAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> CocoResult.toJson(
                List.of(CocoResult.of(7, List.of("a")), CocoResult.of(7, List.of("b")))));
        assertEquals("image 7 has two captions: COCO results hold one per image", e.getMessage());
    }
}
