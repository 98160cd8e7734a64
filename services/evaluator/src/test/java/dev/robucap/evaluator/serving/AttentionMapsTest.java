package dev.robucap.evaluator.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class AttentionMapsTest {

    @Test
    void theMapIsTheImagesSizeWhiteWhereTheWeightIsHighestAndFadesBilinearly() throws IOException {
        float[] topLeft = {0.7f, 0.1f, 0.1f, 0.1f}; // a 2×2 grid

        BufferedImage map = ImageIO.read(new ByteArrayInputStream(AttentionMaps.png(topLeft, 40, 20)));

        assertEquals(40, map.getWidth());
        assertEquals(20, map.getHeight());
        assertEquals(255, grey(map, 0, 0));
        assertEquals(255, grey(map, 9, 4), "inside the first cell's centre nothing is mixed in");
        assertEquals(Math.round(255 * 0.1f / 0.7f), grey(map, 39, 19));
        assertTrue(grey(map, 19, 4) < 255 && grey(map, 19, 4) > grey(map, 30, 4), "fades towards the next cell");
    }

    @Test
    void aGridThatIsNotSquareIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> AttentionMaps.png(new float[3], 4, 4));
        assertTrue(e.getMessage().contains("not a square grid"), e.getMessage());
    }

    private static int grey(BufferedImage image, int x, int y) {
        return image.getRaster().getSample(x, y, 0);
    }
}
