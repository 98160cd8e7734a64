package dev.robucap.common.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.robucap.common.Json;
import dev.robucap.common.data.coco.CaptionParameters;
import org.junit.jupiter.api.Test;

class TaskParamsTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void variantsAreBaseOrPlusAQuality() {
        assertNull(TaskParams.augmentationQuality(NODES.textNode("base")));
        assertEquals(7, TaskParams.augmentationQuality(NODES.textNode("+7")));
        for (var bad : new Object[] {"+0", "+101", "plus-two", 2}) {
            var node = bad instanceof String s ? NODES.textNode(s) : NODES.numberNode((Integer) bad);
            var e = assertThrows(InvalidTaskException.class, () -> TaskParams.augmentationQuality(node));
            assertTrue(e.getMessage().startsWith("params.variant: "), e.getMessage());
        }
    }

    @Test
    void givenFieldsReplaceTheDefaultsOthersStay() throws Exception {
        var node = Json.MAPPER.readTree("{\"captionsPerImage\": 3}");
        assertEquals(new CaptionParameters(50, 3, 5, 123),
                TaskParams.overridden(node, CaptionParameters.TUTORIAL, "params.captions"));
        assertEquals(CaptionParameters.TUTORIAL,
                TaskParams.overridden(MissingNode.getInstance(), CaptionParameters.TUTORIAL, "params.captions"));
    }

    @Test
    void aMisspeltFieldAWrongTypeOrARefusedValueNamesTheField() throws Exception {
        for (String json : new String[] {"{\"captionPerImage\": 3}", "{\"maxLength\": \"long\"}",
                "{\"maxLength\": 0}", "[1]"}) {
            var e = assertThrows(InvalidTaskException.class, () -> TaskParams.overridden(Json.MAPPER.readTree(json),
                    CaptionParameters.TUTORIAL, "params.captions"));
            assertTrue(e.getMessage().startsWith("params.captions: "), json + ": " + e.getMessage());
        }
    }
}
