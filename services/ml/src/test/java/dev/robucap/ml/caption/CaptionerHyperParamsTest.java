package dev.robucap.ml.caption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CaptionerHyperParamsTest {

    @Test
    void defaultsAreThePapersAndTheTutorials() {
        CaptionerHyperParams d = CaptionerHyperParams.defaults();
        assertEquals(new CaptionerHyperParams(512, 512, 512, 0.5, 512, 14, 4e-4, 1e-4, 5, 1, 32, 20, 6, 3, 50, 0, 0), d);
        assertEquals(26, d.epochs());
        assertFalse(d.fineTunes(19));
        assertTrue(d.fineTunes(20));
    }

    @Test
    void anInvalidValueIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CaptionerHyperParams.defaults().withBeamSize(0));
        assertEquals("invalid beamSize: 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CaptionerHyperParams.defaults().withDropout(1));
        assertEquals("invalid dropout: 1.0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CaptionerHyperParams.defaults().withEpochs(0, 0));
        assertEquals("invalid stage1Epochs + stage2Epochs: 0", e.getMessage());
    }
}
