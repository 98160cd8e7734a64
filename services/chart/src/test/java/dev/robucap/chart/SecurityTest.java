package dev.robucap.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue #7, the chart's part: the REST trigger token, the NetworkPolicies and the TLS settings for Kafka and S3. */
class SecurityTest {

    private static final List<String> STAGES = List.of("augmenter", "encoder-trainer", "captioner-trainer", "evaluator");
    /** The pods that carry robucap's JVMs: they get the Kafka and S3 TLS settings. */
    private static final List<String> JVMS = Stream.concat(Stream.of("operator"), STAGES.stream()).toList();
    private static final String CLIENT_PROPERTIES = "/etc/robucap/kafka/client.properties";

    @TempDir
    Path tmp;

    // ---- REST trigger token

    @Test
    void byDefaultEveryStageGetsTheTokenFromTheChartsDevelopmentSecret() {
        List<HasMetadata> objects = Chart.objects(Chart.template("values.yaml"));
        for (String stage : STAGES) {
            SecretKeySelector ref = PodSpecTest.env(container(objects, stage), "ROBUCAP_AUTH_TOKEN")
                    .getValueFrom().getSecretKeyRef();
            assertEquals("robucap-auth", ref.getName(), stage);
            assertEquals("token", ref.getKey(), stage);
        }
        assertTrue(env(container(objects, "operator"), "ROBUCAP_AUTH_TOKEN").isEmpty(), "the operator serves no triggers");
        Secret secret = Chart.one(objects, Secret.class, "robucap-auth");
        assertEquals(Map.of("token", "robucap-dev-token-change-me"), secret.getStringData());
    }

    @Test
    void withAuthDisabledNoStageGetsATokenAndNoSecretIsMade() {
        List<HasMetadata> objects = Chart.objects(Chart.template(List.of(), Map.of("auth.enabled", false)));
        for (String stage : STAGES) {
            assertTrue(env(container(objects, stage), "ROBUCAP_AUTH_TOKEN").isEmpty(), stage);
        }
        assertTrue(Chart.all(objects, Secret.class).stream().noneMatch(s -> s.getMetadata().getName().endsWith("-auth")));
    }

    @Test
    void anExistingSecretIsUsedVerbatimAndNoneIsMade() {
        List<HasMetadata> objects = Chart.objects(Chart.template(List.of(), Map.of("auth.existingSecret", "team-token")));
        for (String stage : STAGES) {
            SecretKeySelector ref = PodSpecTest.env(container(objects, stage), "ROBUCAP_AUTH_TOKEN")
                    .getValueFrom().getSecretKeyRef();
            assertEquals("team-token", ref.getName(), stage);
            assertEquals("token", ref.getKey(), stage);
        }
        assertEquals(List.of("robucap-s3"),
                Chart.all(objects, Secret.class).stream().map(s -> s.getMetadata().getName()).toList());
        Container production = container(Chart.objects(Chart.template("values-production.yaml")), "evaluator");
        assertEquals("robucap-auth",
                PodSpecTest.env(production, "ROBUCAP_AUTH_TOKEN").getValueFrom().getSecretKeyRef().getName());
    }

    // ---- NetworkPolicies

    /** A training Job's pod as services/operator's JobFactory labels it (checked against its source below). */
    private static final Map<String, String> JOB_POD = Map.of("app.kubernetes.io/managed-by", "robucap-operator",
            "app.kubernetes.io/part-of", "robucap", "robucap.dev/experiment", "paper", "robucap.dev/task",
            "encoder.q22", "robucap.dev/stage", "encoder-trainer", "robucap.dev/pool", "gpu");
    private static final Map<String, String> STRANGER = Map.of("app", "debug-shell");

    @Test
    void theJobPodLabelsHereAreTheOperatorsOwn() throws IOException {
        String source = Files.readString(Chart.root()
                .resolve("services/operator/src/main/java/dev/robucap/operator/JobFactory.java"));
        assertTrue(source.contains("labels.put(\"app.kubernetes.io/part-of\", \"robucap\");"),
                "Jobs lost the label the NetworkPolicies admit them by");
        assertTrue(source.contains("labels.put(\"app.kubernetes.io/managed-by\", \"robucap-operator\");"),
                "Jobs lost the label the Jobs' NetworkPolicy selects them by");
        assertTrue(source.contains(".withNewMetadata().withLabels(labels).endMetadata()"), "the pod template's labels");
    }

    @Test
    void stagesAdmitTheReleaseAndItsJobsOnTheirHttpPortOnly() {
        List<HasMetadata> objects = Chart.objects(Chart.template("values.yaml"));
        NetworkPolicy stages = Chart.one(objects, NetworkPolicy.class, "robucap-stages");
        assertEquals(List.of("Ingress"), stages.getSpec().getPolicyTypes(), "egress stays open");
        for (String component : List.of("augmenter", "encoder-trainer", "captioner-trainer", "evaluator")) {
            assertTrue(selects(stages, podLabels(objects, component)), component);
        }
        for (String other : List.of("operator", "kafka", "minio")) {
            assertFalse(selects(stages, podLabels(objects, other)), other);
        }
        assertFalse(selects(stages, JOB_POD));
        for (String from : List.of("operator", "augmenter", "kafka")) {
            assertTrue(admits(stages, podLabels(objects, from), "http"), from);
        }
        assertTrue(admits(stages, JOB_POD, "http"));
        assertFalse(admits(stages, STRANGER, "http"));
        assertFalse(admits(stages, JOB_POD, "9000"), "only the http port");
        assertTrue(stages.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream())
                .allMatch(p -> p.getNamespaceSelector() == null && p.getIpBlock() == null), "nobody outside by default");
    }

    @Test
    void bundledKafkaAndMinioAdmitOnlyTheReleaseAndItsJobs() {
        List<HasMetadata> objects = Chart.objects(Chart.template("values.yaml"));
        for (String[] bundled : new String[][] {{"kafka", "kafka"}, {"minio", "s3"}}) {
            NetworkPolicy policy = Chart.one(objects, NetworkPolicy.class, "robucap-" + bundled[0]);
            assertTrue(selects(policy, podLabels(objects, bundled[0])), bundled[0]);
            assertFalse(selects(policy, podLabels(objects, "augmenter")), bundled[0]);
            assertTrue(admits(policy, JOB_POD, bundled[1]), bundled[0] + " from a training Job");
            for (String from : JVMS) {
                assertTrue(admits(policy, podLabels(objects, from), bundled[1]), bundled[0] + " from " + from);
            }
            assertFalse(admits(policy, STRANGER, bundled[1]), bundled[0]);
        }
        assertFalse(admits(Chart.one(objects, NetworkPolicy.class, "robucap-minio"), JOB_POD, "console"));
    }

    @Test
    void theOperatorAndTheJobsAdmitNobodyButMetricsScrapers() {
        List<HasMetadata> objects = Chart.objects(Chart.template("values.yaml"));
        NetworkPolicy operator = Chart.one(objects, NetworkPolicy.class, "robucap-operator");
        assertTrue(selects(operator, podLabels(objects, "operator")));
        assertEquals(List.of(), operator.getSpec().getIngress());
        assertEquals(List.of("Ingress"), operator.getSpec().getPolicyTypes());
        NetworkPolicy jobs = Chart.one(objects, NetworkPolicy.class, "robucap-jobs");
        assertTrue(selects(jobs, JOB_POD));
        for (String component : List.of("operator", "augmenter", "kafka", "minio")) {
            assertFalse(selects(jobs, podLabels(objects, component)), component);
        }
        assertEquals(List.of(), jobs.getSpec().getIngress());
    }

    @Test
    void metricsAndTriggerPeersReachWhatTheyShould() throws IOException {
        Path values = tmp.resolve("peers.yaml");
        Files.writeString(values, """
                networkPolicy:
                  metricsFrom:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}
                  triggersFrom:
                    - ipBlock: {cidr: 10.1.0.0/16}
                """);
        List<HasMetadata> objects = Chart.objects(Chart.template(List.of(values), Map.of()));
        NetworkPolicyPeer prometheus = new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
                .addToMatchLabels("kubernetes.io/metadata.name", "monitoring").endNamespaceSelector().build();
        for (String name : List.of("stages", "operator", "jobs", "minio")) {
            assertTrue(peers(Chart.one(objects, NetworkPolicy.class, "robucap-" + name)).contains(prometheus), name);
        }
        assertFalse(peers(Chart.one(objects, NetworkPolicy.class, "robucap-kafka")).contains(prometheus));
        List<NetworkPolicyPeer> stagePeers = peers(Chart.one(objects, NetworkPolicy.class, "robucap-stages"));
        assertTrue(stagePeers.stream().anyMatch(p -> p.getIpBlock() != null
                && p.getIpBlock().getCidr().equals("10.1.0.0/16")));
        for (String name : List.of("operator", "jobs", "kafka", "minio")) {
            assertTrue(peers(Chart.one(objects, NetworkPolicy.class, "robucap-" + name)).stream()
                    .allMatch(p -> p.getIpBlock() == null), name + " admits no trigger callers");
        }
        NetworkPolicy operator = Chart.one(objects, NetworkPolicy.class, "robucap-operator");
        assertEquals(List.of("http"), operator.getSpec().getIngress().get(0).getPorts().stream()
                .map(p -> p.getPort().getStrVal()).toList());
    }

    @Test
    void productionAdmitsItsPrometheusAndIngressAndHasNoBundledPolicies() {
        List<HasMetadata> objects = Chart.objects(Chart.template("values-production.yaml"));
        List<String> policies = Chart.all(objects, NetworkPolicy.class).stream()
                .map(p -> p.getMetadata().getName()).sorted().toList();
        assertEquals(List.of("robucap-jobs", "robucap-operator", "robucap-stages"), policies);
        assertEquals(1, Chart.one(objects, NetworkPolicy.class, "robucap-operator").getSpec().getIngress().size());
    }

    @Test
    void disabledMeansNoPolicies() {
        List<HasMetadata> objects = Chart.objects(Chart.template(List.of(), Map.of("networkPolicy.enabled", false)));
        assertEquals(List.of(), Chart.all(objects, NetworkPolicy.class));
    }

    // ---- TLS for Kafka and S3

    @Test
    void byDefaultNoTlsSettingsAndTheOperatorPassesEmptySecretNames() {
        List<HasMetadata> objects = Chart.objects(Chart.template("values.yaml"));
        for (String component : JVMS) {
            Container container = container(objects, component);
            assertTrue(env(container, "ROBUCAP_KAFKA_CLIENT_PROPERTIES").isEmpty(), component);
            assertTrue(env(container, "JAVA_TOOL_OPTIONS").isEmpty(), component);
            assertEquals(List.of("/tmp"), container.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList());
            assertTrue(pod(objects, component).getVolumes().stream().allMatch(v -> v.getSecret() == null), component);
        }
        Container operator = container(objects, "operator");
        for (String name : List.of("ROBUCAP_OPERATOR_KAFKA_CLIENT_SECRET", "ROBUCAP_OPERATOR_KAFKA_TLS_SECRET",
                "ROBUCAP_OPERATOR_S3_TRUSTSTORE_SECRET", "ROBUCAP_OPERATOR_S3_TRUSTSTORE_PASSWORD")) {
            assertEquals("", PodSpecTest.env(operator, name).getValue(), name);
        }
    }

    @Test
    void everySecretNamedIsMountedReadOnlyIntoTheOperatorAndEveryStage() {
        List<HasMetadata> objects = Chart.objects(Chart.template(List.of(), Map.of(
                "kafka.clientPropertiesSecret", "kafka-client", "kafka.tlsSecret", "kafka-ca",
                "s3.truststoreSecret", "s3-ca", "s3.truststorePassword", "changeit")));
        for (String component : JVMS) {
            Container container = container(objects, component);
            PodSpec pod = pod(objects, component);
            assertEquals(CLIENT_PROPERTIES, PodSpecTest.env(container, "ROBUCAP_KAFKA_CLIENT_PROPERTIES").getValue());
            assertEquals("-Djavax.net.ssl.trustStore=/etc/robucap/s3/truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12"
                    + " -Djavax.net.ssl.trustStorePassword=changeit",
                    PodSpecTest.env(container, "JAVA_TOOL_OPTIONS").getValue(), component);

            VolumeMount client = mount(container, CLIENT_PROPERTIES);
            assertEquals("client.properties", client.getSubPath(), component);
            assertEquals(Boolean.TRUE, client.getReadOnly(), component);
            Volume clientVolume = volume(pod, client.getName());
            assertEquals("kafka-client", clientVolume.getSecret().getSecretName());
            assertEquals("client.properties", clientVolume.getSecret().getItems().get(0).getKey());

            VolumeMount tls = mount(container, "/etc/robucap/kafka/tls");
            assertEquals(Boolean.TRUE, tls.getReadOnly(), component);
            assertNull(tls.getSubPath(), "the whole Secret");
            assertEquals("kafka-ca", volume(pod, tls.getName()).getSecret().getSecretName());

            VolumeMount s3 = mount(container, "/etc/robucap/s3");
            assertEquals(Boolean.TRUE, s3.getReadOnly(), component);
            Volume s3Volume = volume(pod, s3.getName());
            assertEquals("s3-ca", s3Volume.getSecret().getSecretName());
            assertEquals("truststore.p12", s3Volume.getSecret().getItems().get(0).getKey());
            assertEquals("truststore.p12", s3Volume.getSecret().getItems().get(0).getPath());
        }
        Container operator = container(objects, "operator");
        assertEquals("kafka-client", PodSpecTest.env(operator, "ROBUCAP_OPERATOR_KAFKA_CLIENT_SECRET").getValue());
        assertEquals("kafka-ca", PodSpecTest.env(operator, "ROBUCAP_OPERATOR_KAFKA_TLS_SECRET").getValue());
        assertEquals("s3-ca", PodSpecTest.env(operator, "ROBUCAP_OPERATOR_S3_TRUSTSTORE_SECRET").getValue());
        assertEquals("changeit", PodSpecTest.env(operator, "ROBUCAP_OPERATOR_S3_TRUSTSTORE_PASSWORD").getValue());
        for (String bundled : List.of("kafka", "minio")) {
            assertTrue(pod(objects, bundled).getVolumes().stream().allMatch(v -> v.getSecret() == null), bundled);
        }
    }

    @Test
    void eachSettingComesAloneAndATruststoreWithoutPasswordGetsNoPasswordOption() {
        List<HasMetadata> kafkaOnly = Chart.objects(Chart.template(List.of(),
                Map.of("kafka.clientPropertiesSecret", "kafka-client")));
        List<HasMetadata> s3Only = Chart.objects(Chart.template(List.of(), Map.of("s3.truststoreSecret", "s3-ca")));
        for (String component : JVMS) {
            Container kafka = container(kafkaOnly, component);
            assertEquals(List.of("/tmp", CLIENT_PROPERTIES), mountPaths(kafka), component);
            assertTrue(env(kafka, "JAVA_TOOL_OPTIONS").isEmpty(), component);
            Container s3 = container(s3Only, component);
            assertEquals(List.of("/tmp", "/etc/robucap/s3"), mountPaths(s3), component);
            assertTrue(env(s3, "ROBUCAP_KAFKA_CLIENT_PROPERTIES").isEmpty(), component);
            assertEquals("-Djavax.net.ssl.trustStore=/etc/robucap/s3/truststore.p12 -Djavax.net.ssl.trustStoreType=PKCS12",
                    PodSpecTest.env(s3, "JAVA_TOOL_OPTIONS").getValue(), component);
        }
    }

    @Test
    void productionTalksTlsToStrimzi() {
        List<HasMetadata> objects = Chart.objects(Chart.template("values-production.yaml"));
        for (String component : List.of("operator", "augmenter", "evaluator")) {
            Container container = container(objects, component);
            assertEquals(CLIENT_PROPERTIES, PodSpecTest.env(container, "ROBUCAP_KAFKA_CLIENT_PROPERTIES").getValue());
            assertEquals("robucap-cluster-ca-cert",
                    volume(pod(objects, component), mount(container, "/etc/robucap/kafka/tls").getName())
                            .getSecret().getSecretName());
        }
        assertEquals("robucap-kafka-client",
                PodSpecTest.env(container(objects, "operator"), "ROBUCAP_OPERATOR_KAFKA_CLIENT_SECRET").getValue());
    }

    // ---- helpers

    private static PodSpec pod(List<HasMetadata> objects, String component) {
        return Chart.one(objects, Deployment.class, "robucap-" + component).getSpec().getTemplate().getSpec();
    }

    private static Container container(List<HasMetadata> objects, String component) {
        return pod(objects, component).getContainers().get(0);
    }

    private static Map<String, String> podLabels(List<HasMetadata> objects, String component) {
        return Chart.one(objects, Deployment.class, "robucap-" + component).getSpec().getTemplate().getMetadata()
                .getLabels();
    }

    private static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    private static VolumeMount mount(Container container, String path) {
        return container.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at " + path));
    }

    private static List<String> mountPaths(Container container) {
        return container.getVolumeMounts().stream().map(VolumeMount::getMountPath).toList();
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static List<NetworkPolicyPeer> peers(NetworkPolicy policy) {
        return policy.getSpec().getIngress().stream().flatMap(r -> r.getFrom().stream()).toList();
    }

    private static boolean selects(NetworkPolicy policy, Map<String, String> labels) {
        return matches(policy.getSpec().getPodSelector(), labels);
    }

    /**
     * Whether a pod with these labels in the policy's own namespace may connect to the (named) port: some rule has a
     * peer whose podSelector alone (no namespaceSelector or ipBlock) matches it, and names the port.
     */
    private static boolean admits(NetworkPolicy policy, Map<String, String> from, String port) {
        for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
            boolean peer = rule.getFrom().stream().anyMatch(p -> p.getNamespaceSelector() == null
                    && p.getIpBlock() == null && p.getPodSelector() != null && matches(p.getPodSelector(), from));
            boolean onPort = rule.getPorts().isEmpty() || rule.getPorts().stream().map(NetworkPolicyPort::getPort)
                    .anyMatch(p -> port.equals(p.getStrVal()) || port.equals(String.valueOf(p.getIntVal())));
            if (peer && onPort) {
                return true;
            }
        }
        return false;
    }

    /** Kubernetes' label selector semantics: every matchLabels entry and every expression must hold. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        Map<String, String> want = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        for (Map.Entry<String, String> label : want.entrySet()) {
            if (!label.getValue().equals(labels.get(label.getKey()))) {
                return false;
            }
        }
        for (LabelSelectorRequirement expression : selector.getMatchExpressions()) {
            String value = labels.get(expression.getKey());
            boolean holds = switch (expression.getOperator()) {
                case "In" -> value != null && expression.getValues().contains(value);
                case "NotIn" -> value == null || !expression.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("operator " + expression.getOperator());
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }
}
