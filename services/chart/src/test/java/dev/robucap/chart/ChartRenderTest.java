package dev.robucap.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChartRenderTest {

    @Test
    void lintsCleanInStrictMode() {
        LintResult lint = new Helm(Chart.dir()).lint().strict().call();
        assertFalse(lint.isFailed(), () -> String.join("\n", lint.getMessages()));
        assertTrue(lint.getMessages().stream().noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]")),
                () -> String.join("\n", lint.getMessages()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml", "values-kind.yaml"})
    void rendersObjectsThatFabric8ParsesWithoutUnknownFields(String values) {
        List<HasMetadata> objects = Chart.objects(Chart.template(values));
        List<String> unknown = new ArrayList<>();
        for (HasMetadata object : objects) {
            unknownFields(object, object.getKind() + "/" + object.getMetadata().getName(), unknown);
        }
        assertEquals(List.of(), unknown, "fields fabric8's model does not know (misspelt or misplaced)");
        Set<String> deployments = Chart.all(objects, Deployment.class).stream()
                .map(d -> d.getMetadata().getName()).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(deployments.containsAll(List.of("robucap-operator", "robucap-augmenter", "robucap-encoder-trainer",
                "robucap-captioner-trainer", "robucap-evaluator")), deployments::toString);
    }

    @Test
    void installsTheExperimentCrdWithItsStatusSubresource() {
        List<HasMetadata> crds = Chart.crds().values().stream().flatMap(yaml -> Chart.objects(yaml).stream()).toList();
        CustomResourceDefinition crd = Chart.one(crds, CustomResourceDefinition.class, "experiments.robucap.dev");
        assertEquals("robucap.dev", crd.getSpec().getGroup());
        assertEquals("Experiment", crd.getSpec().getNames().getKind());
        assertTrue(crd.getSpec().getVersions().stream()
                .anyMatch(v -> v.getName().equals("v1alpha1") && v.getSubresources().getStatus() != null));
    }

    @Test
    void bundlesKafkaAndMinioByDefaultAndNotInProduction() {
        Set<String> byDefault = names(Chart.objects(Chart.template("values.yaml")));
        assertTrue(byDefault.containsAll(List.of("Deployment/robucap-kafka", "Service/robucap-kafka",
                "Deployment/robucap-minio", "Service/robucap-minio", "Secret/robucap-s3", "Secret/robucap-auth")),
                byDefault::toString);
        Set<String> production = names(Chart.objects(Chart.template("values-production.yaml")));
        assertTrue(production.stream().noneMatch(n -> n.contains("kafka") || n.contains("minio") || n.startsWith("Secret/")),
                production::toString);
    }

    private static Set<String> names(List<HasMetadata> objects) {
        return objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Collects the paths of properties that fabric8 kept as "additional" because its model has no such field. */
    static void unknownFields(Object node, String path, List<String> unknown) {
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, unknown));
            return;
        }
        if (!(node instanceof KubernetesResource)) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + " " + extra.keySet());
                }
            } else if (value != null) {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                unknownFields(value, path + "." + field, unknown);
            }
        }
    }
}
