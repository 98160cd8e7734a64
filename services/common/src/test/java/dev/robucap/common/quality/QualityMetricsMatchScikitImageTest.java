package dev.robucap.common.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.image.Reference;
import dev.robucap.common.image.Reference.LadderVector;
import dev.robucap.common.image.RgbImage;
import dev.robucap.common.jpeg.Jpeg;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QualityMetricsMatchScikitImageTest {

    private static final double TOLERANCE = 1e-6;

    static List<LadderVector> ladder() {
        return Reference.ladder();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ladder")
    void psnrSsimAndLumaSsimMatchScikitImage(LadderVector v) {
        RgbImage original = Reference.image(v.image());
        RgbImage distorted = v.isDouble()
                ? Jpeg.decode(Jpeg.doubleCompress(original, v.quality(), 75)) : Jpeg.roundTrip(original, v.quality());
        Comparison c = ImageQuality.compare(original, distorted);
        assertEquals(v.psnr(), c.psnr(), TOLERANCE, "PSNR");
        assertEquals(v.ssim(), c.ssim(), TOLERANCE, "SSIM");
        assertEquals(v.ssimY(), c.ssimY(), TOLERANCE, "SSIM of luma");
    }

    @Test
    void identicalImagesHaveInfinitePsnrAndSsimOne() {
        RgbImage image = Reference.image("text-128x96");
        Comparison c = ImageQuality.compare(image, image);
        assertEquals(Double.POSITIVE_INFINITY, c.psnr());
        assertEquals(1.0, c.ssim(), 1e-12);
        assertEquals(1.0, c.ssimY(), 1e-12);
    }

    @Test
    void refusesImagesOfDifferentSizes() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> ImageQuality.compare(Reference.image("text-128x96"), Reference.image("gradient-67x45")));
        assertTrue(e.getMessage().contains("128x96 and 67x45"), e.getMessage());
    }

    @Test
    void refusesSsimOnImagesSmallerThanItsWindow() {
        RgbImage narrow = new RgbImage(10, 40, new byte[10 * 40 * 3]);
        var e = assertThrows(IllegalArgumentException.class, () -> ImageQuality.ssim(narrow, narrow));
        assertTrue(e.getMessage().contains("at least 11x11"), e.getMessage());
    }
}
