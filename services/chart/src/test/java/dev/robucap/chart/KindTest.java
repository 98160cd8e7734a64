package dev.robucap.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What k8s/kind/test.sh relies on: the kind cluster, the kind values and the tiny experiment fit together. */
class KindTest {

    @Test
    void theKindPoolSelectsAndToleratesOnlyTheTaintedGpuWorker() throws IOException {
        JsonNode cluster = new YAMLMapper().readTree(Files.readString(Chart.root().resolve("k8s/kind/cluster.yaml")));
        Container operator = Chart.one(Chart.objects(Chart.template("values-kind.yaml")), Deployment.class,
                "robucap-operator").getSpec().getTemplate().getSpec().getContainers().get(0);
        JsonNode pool = new ObjectMapper().readTree(PodSpecTest.env(operator, "ROBUCAP_OPERATOR_POOLS").getValue())
                .get("gpu");
        assertEquals(0, pool.get("gpusPerTask").asInt(), "kind nodes have no GPUs");

        List<String> fits = new ArrayList<>();
        int workers = 0;
        for (JsonNode node : cluster.get("nodes")) {
            if (!node.get("role").asText().equals("worker")) {
                continue;
            }
            workers++;
            boolean selected = true;
            for (Map.Entry<String, JsonNode> selector : pool.get("nodeSelector").properties()) {
                JsonNode label = node.path("labels").get(selector.getKey());
                selected &= label != null && label.asText().equals(selector.getValue().asText());
            }
            List<JsonNode> taints = new ArrayList<>();
            for (JsonNode patch : node.path("kubeadmConfigPatches")) {
                new YAMLMapper().readTree(patch.asText()).path("nodeRegistration").path("taints").forEach(taints::add);
            }
            boolean tolerated = taints.stream().allMatch(taint -> tolerates(pool.get("tolerations"), taint));
            if (selected && tolerated) {
                fits.add(node.toString());
            }
            if (selected) {
                assertEquals(1, taints.size(), "the GPU-pool worker is tainted like a GPU node");
                assertEquals("nvidia.com/gpu", taints.get(0).get("key").asText());
            }
        }
        assertEquals(2, workers);
        assertEquals(1, fits.size(), "exactly one worker takes the pool's Jobs: " + fits);
    }

    @Test
    void theTinyWorkflowIsAnExperimentNamedAsTheScriptExpects() throws IOException {
        GenericKubernetesResource experiment = Serialization.unmarshal(
                Files.readString(Chart.root().resolve("workflows/kind-tiny.yaml")), GenericKubernetesResource.class);
        assertEquals("robucap.dev/v1alpha1", experiment.getApiVersion());
        assertEquals("Experiment", experiment.getKind());
        assertEquals("kind-tiny", experiment.getMetadata().getName());
        String script = Files.readString(Chart.root().resolve("k8s/kind/test.sh"));
        assertTrue(script.contains("EXPERIMENT=kind-tiny"), "test.sh waits for another experiment");
        assertTrue(script.contains("-f helm/robucap/values-kind.yaml"));
        assertTrue(script.contains("--config k8s/kind/cluster.yaml"));
    }

    private static boolean tolerates(JsonNode tolerations, JsonNode taint) {
        for (JsonNode toleration : tolerations) {
            boolean key = toleration.get("key").asText().equals(taint.get("key").asText());
            boolean effect = !toleration.has("effect") || toleration.get("effect").asText().equals(taint.get("effect").asText());
            boolean value = toleration.get("operator").asText().equals("Exists")
                    || toleration.path("value").asText().equals(taint.path("value").asText());
            if (key && effect && value) {
                return true;
            }
        }
        return false;
    }
}
