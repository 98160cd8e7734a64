package dev.robucap.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.spec.Experiment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void poolsAreReadFromTheHelmChartsJson() {
        Map<String, Experiment.Pool> pools = Settings.parsePools("""
                {"gpu": {"nodeSelector": {"nvidia.com/gpu.present": "true"},
                         "tolerations": [{"key": "nvidia.com/gpu", "operator": "Exists", "effect": "NoSchedule"}],
                         "gpusPerTask": 1, "maxParallel": 2, "priorityClassName": "",
                         "resources": {"requests": {"cpu": "4"}, "limits": {"memory": "16Gi"}}, "maxAttempts": 3}}
                """);
        Experiment.Pool gpu = pools.get("gpu");
        assertEquals(2, gpu.maxParallel());
        assertEquals("Exists", gpu.tolerations().get(0).operator());
        assertEquals("16Gi", gpu.resources().limits().get("memory"));
    }

    @Test
    void malformedPoolsAreRefusedByTheirVariablesName() {
        var e = assertThrows(IllegalArgumentException.class, () -> Settings.parsePools("{\"gpu\": [1]}"));
        assertTrue(e.getMessage().startsWith("ROBUCAP_OPERATOR_POOLS"), e.getMessage());
    }

    @Test
    void theBackoffDoublesPerAttemptUpToTenMinutes() {
        Settings settings = new Settings(null, null, null, null, null, null, null, null, null, Map.of(),
                Duration.ofSeconds(30), null, JobTls.NONE);
        assertEquals(Duration.ofSeconds(30), settings.backoffBefore(2));
        assertEquals(Duration.ofSeconds(60), settings.backoffBefore(3));
        assertEquals(Duration.ofMinutes(10), settings.backoffBefore(12));
    }

    @Test
    void taskIdsBecomeLabelsAndJobNames() {
        assertEquals("captioner.q22.base", Names.taskLabel("captioner/+22/base"));
        assertEquals("paper-captioner-q22-base-0123ab-a2",
                Names.jobName("paper", "captioner/+22/base", "0123abcdef", 2));
        String longName = Names.jobName("a-very-long-experiment-name-for-testing", "augment/imagenet-train-q22",
                "0123abcdef", 3);
        assertTrue(longName.length() <= 63 && longName.endsWith("-a3") && longName.matches("[a-z0-9-]+"), longName);
    }
}
