package dev.robucap.operator;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.robucap.common.Json;
import dev.robucap.common.plan.PlannedTask;
import dev.robucap.common.spec.Experiment;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.operator.api.ExperimentResource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Kubernetes Job per attempt at a task: the stage's image in job mode ({@code ROBUCAP_JOB_TASK}), on its pool's
 * nodes, with the S3 and Kafka settings of the stage Deployments. The Job itself never retries
 * ({@code backoffLimit: 0}): the operator does, with backoff, so attempts show in the status.
 */
public final class JobFactory {

    public static final String EXPERIMENT = "robucap.dev/experiment";
    public static final String TASK = "robucap.dev/task";
    public static final String CONTENT_KEY = "robucap.dev/content-key";
    public static final String GPU = "nvidia.com/gpu";
    /** Same user as the stage Deployments of the Helm chart. */
    static final long USER = 10001;

    private final Settings settings;

    public JobFactory(Settings settings) {
        this.settings = settings;
    }

    public Job job(ExperimentResource experiment, PlannedTask task, TaskRequest request, String contentKey,
                   Placement placement, int attempt) {
        String name = Names.jobName(experiment.getMetadata().getName(), task.id(), contentKey, attempt);
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/managed-by", "robucap-operator");
        labels.put("app.kubernetes.io/part-of", "robucap");
        labels.put(EXPERIMENT, experiment.getMetadata().getName());
        labels.put(TASK, Names.taskLabel(task.id()));
        labels.put(CONTENT_KEY, contentKey);
        labels.put("robucap.dev/stage", task.stage());
        labels.put("robucap.dev/pool", placement.poolName());
        var pool = placement.pool();
        return new JobBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(experiment.getMetadata().getNamespace())
                    .withLabels(labels)
                    .addToAnnotations("robucap.dev/task-id", task.id())
                    .addToAnnotations("robucap.dev/attempt", String.valueOf(attempt))
                    .withOwnerReferences(new OwnerReferenceBuilder()
                            .withApiVersion(experiment.getApiVersion()).withKind(experiment.getKind())
                            .withName(experiment.getMetadata().getName()).withUid(experiment.getMetadata().getUid())
                            .withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withNewSpec()
                    .withBackoffLimit(0)
                    .withNewTemplate()
                        .withNewMetadata().withLabels(labels).endMetadata()
                        .withNewSpec()
                            .withRestartPolicy("Never")
                            .withAutomountServiceAccountToken(false) // a stage never talks to the API server
                            .withNodeSelector(pool.nodeSelector() == null ? Map.of() : pool.nodeSelector())
                            .withTolerations(tolerations(pool))
                            .withPriorityClassName(blankToNull(pool.priorityClassName()))
                            .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(USER).endSecurityContext()
                            .addNewContainer()
                                .withName(task.stage())
                                .withImage(image(task.stage(), placement.gpus()))
                                .withImagePullPolicy(settings.imagePullPolicy())
                                .withEnv(env(request))
                                .withNewResources()
                                    .withRequests(quantities(requests(placement)))
                                    .withLimits(quantities(limits(placement)))
                                .endResources()
                                .withNewSecurityContext()
                                    .withReadOnlyRootFilesystem(true)
                                    .withAllowPrivilegeEscalation(false)
                                    .withNewCapabilities().withDrop("ALL").endCapabilities()
                                .endSecurityContext()
                                // a task silent past ROBUCAP_TASKS_STALL_TIMEOUT fails it: the pod fails and the
                                // operator's next attempt resumes from the checkpoint
                                .withNewLivenessProbe()
                                    .withNewHttpGet().withPath("/q/health/live").withPort(new IntOrString(8080)).endHttpGet()
                                    .withInitialDelaySeconds(60).withPeriodSeconds(30).withFailureThreshold(3)
                                .endLivenessProbe()
                                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                                .addAllToVolumeMounts(settings.tls().mounts())
                            .endContainer()
                            .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                            .addAllToVolumes(settings.tls().volumes())
                        .endSpec()
                    .endTemplate()
                .endSpec()
                .build();
    }

    /** The CUDA build when the task gets GPUs, else the CPU image. */
    String image(String stage, int gpus) {
        return settings.imageRegistry() + "/" + stage + (gpus > 0 ? "-gpu" : "") + ":" + settings.imageTag();
    }

    private List<EnvVar> env(TaskRequest request) {
        String json;
        try {
            json = Json.MAPPER.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write task " + request.taskId() + " as JSON", e);
        }
        List<EnvVar> env = new ArrayList<>(List.of(
                plain("ROBUCAP_JOB_TASK", json),
                plain("KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrapServers()),
                plain("ROBUCAP_S3_ENDPOINT", settings.s3Endpoint()),
                plain("ROBUCAP_S3_BUCKET", settings.s3Bucket()),
                secret("ROBUCAP_S3_ACCESS_KEY", "accessKey"),
                secret("ROBUCAP_S3_SECRET_KEY", "secretKey"),
                // the root file system is read-only: DJL unpacks its native libraries under /tmp
                plain("DJL_CACHE_DIR", "/tmp/djl"),
                plain("HOME", "/tmp")));
        env.addAll(settings.tls().env());
        return env;
    }

    private static EnvVar plain(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private EnvVar secret(String name, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName(settings.s3Secret()).withKey(key).endSecretKeyRef().endValueFrom().build();
    }

    private static List<Toleration> tolerations(Experiment.Pool pool) {
        if (pool.tolerations() == null) {
            return List.of();
        }
        return pool.tolerations().stream().map(t -> new Toleration(t.effect(), t.key(), t.operator(),
                t.tolerationSeconds(), t.value())).toList();
    }

    /** The pool's requests, the stage's cpu and memory over them, and the GPUs (requests must equal limits). */
    private static Map<String, String> requests(Placement placement) {
        Map<String, String> requests = new LinkedHashMap<>(placement.pool().resources() == null
                || placement.pool().resources().requests() == null ? Map.of() : placement.pool().resources().requests());
        if (placement.cpu() != null) {
            requests.put("cpu", placement.cpu());
        }
        if (placement.memory() != null) {
            requests.put("memory", placement.memory());
        }
        gpus(requests, placement.gpus());
        return requests;
    }

    /** The pool's limits; a stage's memory is its limit too (a CPU limit would only throttle the trainer). */
    private static Map<String, String> limits(Placement placement) {
        Map<String, String> limits = new LinkedHashMap<>(placement.pool().resources() == null
                || placement.pool().resources().limits() == null ? Map.of() : placement.pool().resources().limits());
        if (placement.memory() != null) {
            limits.put("memory", placement.memory());
        }
        gpus(limits, placement.gpus());
        return limits;
    }

    private static void gpus(Map<String, String> resources, int gpus) {
        if (gpus > 0) {
            resources.put(GPU, String.valueOf(gpus));
        } else {
            resources.remove(GPU);
        }
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> quantities = new LinkedHashMap<>();
        values.forEach((name, value) -> quantities.put(name, new Quantity(value)));
        return quantities;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
