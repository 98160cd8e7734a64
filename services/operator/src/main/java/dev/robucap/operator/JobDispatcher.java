package dev.robucap.operator;

import dev.robucap.operator.api.ExperimentResource;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Collection;

/** Tasks of the Job stages: one Job per attempt; reads how a Job ended; deletes an experiment's Jobs. */
public final class JobDispatcher {

    public enum Outcome { RUNNING, SUCCEEDED, FAILED }

    /** How a Job stands, and why it failed. */
    public record Seen(Outcome outcome, String message) {
    }

    private final KubernetesClient client;

    public JobDispatcher(KubernetesClient client) {
        this.client = client;
    }

    /** Creates the Job unless it exists (a status update lost after the create must not start it twice). */
    public void start(Job job) {
        var existing = client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace())
                .withName(job.getMetadata().getName());
        if (existing.get() == null) {
            client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job).create();
        }
    }

    public Seen seen(String namespace, String name) {
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
        if (job == null) {
            return new Seen(Outcome.FAILED, "Job " + name + " is gone");
        }
        var status = job.getStatus();
        if (status == null) {
            return new Seen(Outcome.RUNNING, null);
        }
        if (is(status.getConditions(), "Complete") || (status.getSucceeded() != null && status.getSucceeded() > 0)) {
            return new Seen(Outcome.SUCCEEDED, null);
        }
        JobCondition failed = status.getConditions() == null ? null : status.getConditions().stream()
                .filter(c -> "Failed".equals(c.getType()) && "True".equals(c.getStatus())).findFirst().orElse(null);
        if (failed != null || (status.getFailed() != null && status.getFailed() > 0)) {
            String why = failed == null ? "its pod failed"
                    : failed.getReason() + (failed.getMessage() == null ? "" : ": " + failed.getMessage());
            return new Seen(Outcome.FAILED, "Job " + name + " failed (" + why + ")");
        }
        return new Seen(Outcome.RUNNING, null);
    }

    /**
     * Deletes the experiment's Jobs whose content key is not in {@code keep}, their pods with them (background
     * propagation; owner references alone would leave that to the garbage collector, later).
     */
    public void deleteExcept(ExperimentResource experiment, Collection<String> keep) {
        for (Job job : jobsOf(experiment)) {
            if (!keep.contains(job.getMetadata().getLabels().get(JobFactory.CONTENT_KEY))) {
                client.batch().v1().jobs().inNamespace(job.getMetadata().getNamespace())
                        .withName(job.getMetadata().getName())
                        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
            }
        }
    }

    private java.util.List<Job> jobsOf(ExperimentResource experiment) {
        return client.batch().v1().jobs().inNamespace(experiment.getMetadata().getNamespace())
                .withLabel(JobFactory.EXPERIMENT, experiment.getMetadata().getName()).list().getItems();
    }

    private static boolean is(java.util.List<JobCondition> conditions, String type) {
        return conditions != null && conditions.stream()
                .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
