package dev.robucap.common.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class S3ConfigTest {

    @Test
    void readsTheEnvironmentWithTheDefaultBucket() {
        S3Config config = S3Config.fromEnvironment(Map.of("ROBUCAP_S3_ENDPOINT", "http://s3:9000",
                "ROBUCAP_S3_ACCESS_KEY", "ak", "ROBUCAP_S3_SECRET_KEY", "sk"));
        assertEquals(new S3Config("http://s3:9000", "ak", "sk", "robucap"), config);
    }

    @Test
    void namesTheMissingVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> S3Config.fromEnvironment(Map.of("ROBUCAP_S3_ENDPOINT", "http://s3:9000",
                        "ROBUCAP_S3_ACCESS_KEY", "ak")));
        assertTrue(e.getMessage().contains("ROBUCAP_S3_SECRET_KEY"), e.getMessage());
    }

    @Test
    void toStringHidesTheSecret() {
        String text = new S3Config("http://s3:9000", "ak", "s3cr3t-value", "b").toString();
        assertFalse(text.contains("s3cr3t-value"), text);
        assertTrue(text.contains("ak") && text.contains("http://s3:9000"), text);
    }
}
