package dev.robucap.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The operator's Deployment, its environment (the names the operator reads) and its least-privilege Role. */
class OperatorTest {

    private static final List<String> ENV = List.of("KAFKA_BOOTSTRAP_SERVERS", "ROBUCAP_S3_ENDPOINT",
            "ROBUCAP_S3_BUCKET", "ROBUCAP_S3_ACCESS_KEY", "ROBUCAP_S3_SECRET_KEY", "ROBUCAP_OPERATOR_S3_SECRET",
            "ROBUCAP_OPERATOR_KAFKA_CLIENT_SECRET", "ROBUCAP_OPERATOR_KAFKA_TLS_SECRET",
            "ROBUCAP_OPERATOR_S3_TRUSTSTORE_SECRET", "ROBUCAP_OPERATOR_S3_TRUSTSTORE_PASSWORD",
            "ROBUCAP_OPERATOR_IMAGE_REGISTRY", "ROBUCAP_OPERATOR_IMAGE_TAG", "ROBUCAP_OPERATOR_IMAGE_PULL_POLICY",
            "ROBUCAP_OPERATOR_JOB_STAGES", "ROBUCAP_OPERATOR_DEFAULT_POOL", "ROBUCAP_OPERATOR_POOLS",
            "QUARKUS_OPERATOR_SDK_NAMESPACES");

    private static final List<String> RULES = List.of(
            "robucap.dev experiments [get, list, watch, patch, update]",
            "robucap.dev experiments/status [get, patch, update]",
            "robucap.dev experiments/finalizers [update]",
            "batch jobs [create, get, list, watch, delete, patch, update]",
            " pods [get, list, watch]",
            " pods/log [get]",
            " events [create, patch]");

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml", "values-kind.yaml"})
    void getsExactlyTheEnvironmentTheOperatorReadsWithPoolsAsJsonOfTheValues(String values) throws IOException {
        Container operator = container(Chart.objects(Chart.template(values)));
        List<String> expected = new ArrayList<>(ENV);
        if (values.equals("values-production.yaml")) {
            // production reads Kafka's client settings (TLS) from a Secret: SecurityTest checks the rest
            expected.add(expected.indexOf("ROBUCAP_OPERATOR_S3_SECRET") + 1, "ROBUCAP_KAFKA_CLIENT_PROPERTIES");
        }
        assertEquals(expected, operator.getEnv().stream().map(EnvVar::getName).toList());
        ObjectMapper json = new ObjectMapper();
        JsonNode pools = json.readTree(PodSpecTest.env(operator, "ROBUCAP_OPERATOR_POOLS").getValue());
        assertEquals(expectedPools(values), pools);
        assertEquals("JOSDK_WATCH_CURRENT", PodSpecTest.env(operator, "QUARKUS_OPERATOR_SDK_NAMESPACES").getValue());
        assertEquals("encoder-trainer,captioner-trainer",
                PodSpecTest.env(operator, "ROBUCAP_OPERATOR_JOB_STAGES").getValue());
        assertEquals("robucap-s3", PodSpecTest.env(operator, "ROBUCAP_OPERATOR_S3_SECRET").getValue());
        assertEquals("accessKey",
                PodSpecTest.env(operator, "ROBUCAP_S3_ACCESS_KEY").getValueFrom().getSecretKeyRef().getKey());
        assertEquals("secretKey",
                PodSpecTest.env(operator, "ROBUCAP_S3_SECRET_KEY").getValueFrom().getSecretKeyRef().getKey());
        assertEquals(values.equals("values-production.yaml") ? "a100" : "gpu",
                PodSpecTest.env(operator, "ROBUCAP_OPERATOR_DEFAULT_POOL").getValue());
        assertEquals(values.equals("values-kind.yaml") ? "Never" : "IfNotPresent",
                PodSpecTest.env(operator, "ROBUCAP_OPERATOR_IMAGE_PULL_POLICY").getValue());
    }

    @Test
    void gpuPoolsOfTheValuesReachTheOperatorAsConfigured() throws IOException {
        Container operator = container(Chart.objects(Chart.template("values-kind.yaml")));
        JsonNode gpu = new ObjectMapper().readTree(PodSpecTest.env(operator, "ROBUCAP_OPERATOR_POOLS").getValue())
                .get("gpu");
        assertEquals(0, gpu.get("gpusPerTask").asInt());
        assertEquals("gpu", gpu.get("nodeSelector").get("robucap.dev/pool").asText());
        assertEquals("nvidia.com/gpu", gpu.get("tolerations").get(0).get("key").asText());
        assertEquals("NoSchedule", gpu.get("tolerations").get(0).get("effect").asText());
    }

    @Test
    void runsOneOperatorAtATimeWithoutLeaderElection() {
        Deployment operator = Chart.one(Chart.objects(Chart.template("values.yaml")), Deployment.class,
                "robucap-operator");
        assertEquals(1, operator.getSpec().getReplicas());
        assertEquals("Recreate", operator.getSpec().getStrategy().getType());
        assertEquals("robucap-operator", operator.getSpec().getTemplate().getSpec().getServiceAccountName());
        assertEquals("ghcr.io/robucap/operator:0.1.0",
                operator.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Chart.template(List.of(), Map.of("operator.replicas", 2)));
        assertTrue(refused.getMessage().contains("leaderElection"), refused.getMessage());
    }

    @Test
    void roleGrantsExactlyTheLeastPrivilegeRulesBoundToTheOperatorsAccount() {
        List<HasMetadata> objects = Chart.objects(Chart.template("values.yaml"));
        assertEquals(RULES, rules(Chart.one(objects, Role.class, "robucap-operator")));
        assertTrue(Chart.all(objects, HasMetadata.class).stream()
                .noneMatch(o -> o.getKind().startsWith("Cluster")), "no cluster-wide RBAC");
        RoleBinding binding = Chart.one(objects, RoleBinding.class, "robucap-operator");
        assertEquals("robucap-operator", binding.getRoleRef().getName());
        assertEquals("Role", binding.getRoleRef().getKind());
        assertEquals("robucap-operator", binding.getSubjects().get(0).getName());
        assertEquals(Chart.NAMESPACE, binding.getSubjects().get(0).getNamespace());
    }

    @Test
    void leaderElectionAddsLeasesOnly() {
        List<HasMetadata> objects = Chart.objects(Chart.template(List.of(),
                Map.of("operator.leaderElection.enabled", true, "operator.replicas", 2)));
        List<String> expected = new ArrayList<>(RULES);
        expected.add("coordination.k8s.io leases [get, create, update]");
        assertEquals(expected, rules(Chart.one(objects, Role.class, "robucap-operator")));
        assertEquals("RollingUpdate", rollout(objects));
    }

    private static String rollout(List<HasMetadata> objects) {
        DeploymentStrategy strategy = Chart.one(objects, Deployment.class, "robucap-operator").getSpec().getStrategy();
        return strategy == null ? "RollingUpdate" : strategy.getType();
    }

    private static List<String> rules(Role role) {
        return role.getRules().stream().map(OperatorTest::rule).toList();
    }

    private static String rule(PolicyRule rule) {
        return String.join(",", rule.getApiGroups()) + " " + String.join(",", rule.getResources()) + " "
                + rule.getVerbs();
    }

    private static Container container(List<HasMetadata> objects) {
        return Chart.one(objects, Deployment.class, "robucap-operator").getSpec().getTemplate().getSpec()
                .getContainers().get(0);
    }

    /** The gpuPools the values file sets, merged over the chart's defaults as helm merges (null deletes a key). */
    private static JsonNode expectedPools(String values) throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        Map<String, Object> pools = new LinkedHashMap<>();
        for (String file : values.equals("values.yaml") ? List.of("values.yaml") : List.of("values.yaml", values)) {
            JsonNode node = yaml.readTree(Files.readString(Chart.dir().resolve(file))).get("gpuPools");
            if (node == null) {
                continue;
            }
            node.fields().forEachRemaining(pool -> {
                if (pool.getValue().isNull()) {
                    pools.remove(pool.getKey());
                } else {
                    pools.put(pool.getKey(), pool.getValue());
                }
            });
        }
        return new ObjectMapper().valueToTree(pools);
    }
}
