package dev.robucap.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plain manifests in k8s/ are the chart's current render: they cannot drift from it. */
class ManifestsTest {

    @Test
    void committedManifestsEqualAFreshRender() throws IOException {
        Map<String, String> fresh = Manifests.render();
        Map<String, String> committed = Manifests.committed(Chart.root().resolve("k8s"));
        assertEquals(fresh.keySet(), committed.keySet(), "files in k8s/ (run `make manifests`)");
        fresh.forEach((file, yaml) -> assertEquals(yaml, committed.get(file), "k8s/" + file + " (run `make manifests`)"));
    }

    @Test
    void manifestsBundleKafkaAndMinioAndEveryObjectParses() {
        List<HasMetadata> objects = Manifests.render().entrySet().stream()
                .filter(file -> file.getKey().startsWith("base/"))
                .flatMap(file -> Chart.objects(file.getValue()).stream()).toList();
        List<String> names = objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
        assertTrue(names.containsAll(List.of("Namespace/robucap", "CustomResourceDefinition/experiments.robucap.dev",
                "Deployment/robucap-operator", "Deployment/robucap-kafka", "Deployment/robucap-minio",
                "Secret/robucap-s3", "Secret/robucap-auth", "Role/robucap-operator", "NetworkPolicy/robucap-stages",
                "NetworkPolicy/robucap-kafka", "NetworkPolicy/robucap-minio")), names::toString);
    }
}
