package dev.robucap.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Security, probes, resources, metrics and configuration of every pod the chart runs. */
class PodSpecTest {

    private static final List<String> STAGES = List.of("augmenter", "encoder-trainer", "captioner-trainer", "evaluator");

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml", "values-kind.yaml"})
    void everyPodRunsNonRootOnAReadOnlyRootWithoutCapabilitiesAndWithLimits(String values) {
        List<Deployment> deployments = Chart.all(Chart.objects(Chart.template(values)), Deployment.class);
        assertFalse(deployments.isEmpty());
        for (Deployment deployment : deployments) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot(), name);
            assertTrue(pod.getSecurityContext().getRunAsUser() > 0, name);
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), name);
            assertEquals(Boolean.FALSE, pod.getEnableServiceLinks(), name);
            for (Container container : Stream.concat(pod.getInitContainers().stream(), pod.getContainers().stream()).toList()) {
                String where = name + "/" + container.getName();
                assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem(), where);
                assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation(), where);
                assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop(), where);
                assertNotNull(container.getResources().getRequests().get("cpu"), where);
                assertNotNull(container.getResources().getRequests().get("memory"), where);
                assertNotNull(container.getResources().getLimits().get("memory"), where);
            }
            for (Container container : pod.getContainers()) {
                String where = name + "/" + container.getName();
                assertNotNull(container.getLivenessProbe(), where);
                assertNotNull(container.getReadinessProbe(), where);
                assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/tmp")),
                        where + " has no writable /tmp");
            }
            for (VolumeMount mount : pod.getContainers().get(0).getVolumeMounts()) {
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                        .orElseThrow();
                // writable scratch space, or a Secret (TLS settings and truststores) mounted read-only
                boolean readOnlySecret = volume.getSecret() != null && Boolean.TRUE.equals(mount.getReadOnly());
                assertTrue(volume.getEmptyDir() != null || readOnlySecret,
                        name + " mounts " + volume.getName() + ", neither an emptyDir nor a read-only Secret");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void quarkusServicesAreProbedAndScrapedOnTheirHttpPort(String values) {
        List<HasMetadata> objects = Chart.objects(Chart.template(values));
        for (String component : Stream.concat(Stream.of("operator"), STAGES.stream()).toList()) {
            Deployment deployment = Chart.one(objects, Deployment.class, "robucap-" + component);
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals(8080, container.getPorts().get(0).getContainerPort(), component);
            assertEquals("http", container.getPorts().get(0).getName(), component);
            assertEquals("/q/health/live", container.getLivenessProbe().getHttpGet().getPath(), component);
            assertEquals("/q/health/ready", container.getReadinessProbe().getHttpGet().getPath(), component);
            assertEquals("http", container.getReadinessProbe().getHttpGet().getPort().getStrVal(), component);
            assertEquals(Map.of("prometheus.io/scrape", "true", "prometheus.io/port", "8080",
                            "prometheus.io/path", "/q/metrics"),
                    deployment.getSpec().getTemplate().getMetadata().getAnnotations(), component);
            Service service = Chart.one(objects, Service.class, "robucap-" + component);
            assertEquals(8080, service.getSpec().getPorts().get(0).getPort(), component);
            assertEquals(deployment.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector(), component);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void stagesGetTheirImageConfigurationAndS3KeysFromTheSecret(String values) {
        List<HasMetadata> objects = Chart.objects(Chart.template(values));
        String registry = values.equals("values.yaml") ? "ghcr.io/robucap" : "registry.example.com/robucap";
        String kafka = values.equals("values.yaml") ? "robucap-kafka:9092" : "robucap-kafka-bootstrap.kafka.svc:9093";
        String s3 = values.equals("values.yaml") ? "http://robucap-minio:9000" : "https://s3.eu-central-1.amazonaws.com";
        for (String stage : STAGES) {
            Container container = Chart.one(objects, Deployment.class, "robucap-" + stage)
                    .getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals(registry + "/" + stage + ":0.1.0", container.getImage());
            assertEquals("8080", env(container, "PORT").getValue(), stage);
            assertEquals(kafka, env(container, "KAFKA_BOOTSTRAP_SERVERS").getValue(), stage);
            assertEquals(s3, env(container, "ROBUCAP_S3_ENDPOINT").getValue(), stage);
            assertEquals("accessKey", env(container, "ROBUCAP_S3_ACCESS_KEY").getValueFrom().getSecretKeyRef().getKey());
            assertEquals("secretKey", env(container, "ROBUCAP_S3_SECRET_KEY").getValueFrom().getSecretKeyRef().getKey());
            assertEquals("robucap-s3", env(container, "ROBUCAP_S3_SECRET_KEY").getValueFrom().getSecretKeyRef().getName());
            assertNotNull(env(container, "ROBUCAP_TASKS_THREADS").getValue(), stage);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"values.yaml", "values-production.yaml"})
    void stageResourcesAreTheConfiguredOnes(String values) {
        Container evaluator = Chart.one(Chart.objects(Chart.template(values)), Deployment.class, "robucap-evaluator")
                .getSpec().getTemplate().getSpec().getContainers().get(0);
        boolean production = values.equals("values-production.yaml");
        assertEquals(new Quantity(production ? "4" : "1"), evaluator.getResources().getRequests().get("cpu"));
        assertEquals(new Quantity(production ? "8Gi" : "4Gi"), evaluator.getResources().getLimits().get("memory"));
    }

    @Test
    void kindValuesUseTheLoadedImagesButPullKafkaAndMinio() {
        List<HasMetadata> objects = Chart.objects(Chart.template("values-kind.yaml"));
        for (String component : Stream.concat(Stream.of("operator"), STAGES.stream()).toList()) {
            assertEquals("Never", Chart.one(objects, Deployment.class, "robucap-" + component)
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy(), component);
        }
        for (String bundled : List.of("kafka", "minio")) {
            assertEquals("IfNotPresent", Chart.one(objects, Deployment.class, "robucap-" + bundled)
                    .getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy(), bundled);
        }
    }

    static EnvVar env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no env " + name));
    }
}
