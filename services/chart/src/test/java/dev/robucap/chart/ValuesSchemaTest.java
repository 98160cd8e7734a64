package dev.robucap.chart;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** values.schema.json (and the chart's own checks) refuse values that would deploy something broken. */
class ValuesSchemaTest {

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(Map.of("gpuPools.gpu.maxParallel", 0), "maxParallel"),
                Arguments.of(Map.of("gpuPools.gpu.gpusPerTask", -1), "gpusPerTask"),
                Arguments.of(Map.of("gpuPools.gpu.gpusPerTask", "one"), "gpusPerTask"),
                Arguments.of(Map.of("gpuPools.gpu.maxAttempts", 0), "maxAttempts"),
                Arguments.of(Map.of("gpuPools.gpu.nodeSelektor.a", "b"), "nodeSelektor"),
                // helm's --set x=null deletes the key: a required key then is missing
                Arguments.of(Map.of("gpuPools.gpu.resources.requests.cpu", "null"), "cpu"),
                Arguments.of(Map.of("gpuPools.gpu.tolerations[0].effect", "Sometimes"), "effect"),
                Arguments.of(Map.of("gpuPools.GPU_Pool.maxParallel", 1), "GPU_Pool"),
                Arguments.of(Map.of("image.pullPolicy", "Sometimes"), "pullPolicy"),
                Arguments.of(Map.of("stages.augmenter.threads", 0), "threads"),
                Arguments.of(Map.of("operator.jobStages[0]", "trainer"), "jobStages"),
                Arguments.of(Map.of("kafka.bundled.enabled", false), "bootstrapServers"),
                Arguments.of(Map.of("s3.createSecret", false), "existingSecret"),
                Arguments.of(Map.of("s3.secretKey", "short"), "secretKey"),
                Arguments.of(Map.of("operator.defaultPool", "tpu"), "defaultPool"),
                Arguments.of(Map.of("auth.token", "short"), "token"),
                Arguments.of(Map.of("auth.token", "has a space in it, twenty"), "token"),
                Arguments.of(Map.of("auth.enabled", "yes"), "enabled"),
                Arguments.of(Map.of("networkPolicy.metricsFrom[0].podSelektor.app", "prometheus"), "podSelektor"),
                Arguments.of(Map.of("networkPolicy.triggersFrom[0].ipBlock.except[0]", "10.0.0.1/32"), "cidr"),
                Arguments.of(Map.of("kafka.tlsSecret", "kafka-ca"), "clientPropertiesSecret"),
                Arguments.of(Map.of("s3.truststoreSecret", "s3-ca", "s3.truststorePassword", "two words"),
                        "truststorePassword"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void refuses(Map<String, Object> set, String naming) {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Chart.template(List.of(), set));
        assertTrue(refused.getMessage().contains(naming), refused.getMessage());
    }

    @Test
    void acceptsNoTokenWhenAuthIsOffOrTheSecretExists() {
        assertDoesNotThrow(() -> Chart.template(List.of(), Map.of("auth.enabled", false, "auth.token", "")));
        assertDoesNotThrow(() -> Chart.template(List.of(), Map.of("auth.existingSecret", "mine", "auth.token", "")));
    }

    @Test
    void acceptsExternalKafkaAndS3WithAnExistingSecret() {
        assertDoesNotThrow(() -> Chart.template(List.of(), Map.of(
                "kafka.bundled.enabled", false, "kafka.bootstrapServers", "my-kafka-bootstrap:9092",
                "minio.enabled", false, "s3.endpoint", "https://s3.example.com",
                "s3.createSecret", false, "s3.existingSecret", "my-s3")));
    }
}
