package dev.robucap.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robucap.cli.Progress;
import dev.robucap.cli.report.PaperTables;
import dev.robucap.cli.report.Report;
import dev.robucap.common.Json;
import dev.robucap.common.events.EventPublisher;
import dev.robucap.common.events.KafkaTopics;
import dev.robucap.common.spec.Experiment;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.S3Config;
import dev.robucap.common.task.TaskEvent;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.common.task.Topics;
import dev.robucap.devstack.Devstack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code robucap run} on one machine: the embedded Kafka and S3, the stage services as their own processes (the
 * jars the cluster runs), tasks sent over Kafka, progress followed on the event topic, a report at the end.
 * Everything is content-addressed in the devstack's directory, so a second run re-uses what the first one did.
 */
public final class LocalRun {

    private static final List<String> SERVICES = List.of("augmenter", "evaluator");

    private final Experiment experiment;
    private final Path home;
    private final Path workDir;
    private final PrintStream out;
    private final boolean interactive;
    private final Map<String, Double> timings = new LinkedHashMap<>();

    public LocalRun(Experiment experiment, Path home, Path workDir, PrintStream out, boolean interactive) {
        this.experiment = experiment;
        this.home = home;
        this.workDir = workDir;
        this.out = out;
        this.interactive = interactive;
    }

    /** Runs the experiment and writes the report into {@code reportDir}; returns the report's S3 prefix. */
    public String run(Path reportDir) throws Exception {
        Instant start = Instant.now();
        out.println("Starting the embedded Kafka broker and S3 server in " + workDir.resolve("devstack") + " …");
        try (Devstack devstack = Devstack.builder().dataDir(workDir.resolve("devstack")).start()) {
            timings.put("devstack_s", seconds(start));
            ArtifactStore store = ArtifactStore.connect(new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(),
                    devstack.s3SecretKey(), devstack.bucket()));
            KafkaTopics.ensureTopics(devstack.kafkaBootstrapServers(), topics(), 4);
            List<ServiceProcess> services = new ArrayList<>();
            try (EventPublisher publisher = EventPublisher.connect(devstack.kafkaBootstrapServers())) {
                Instant t = Instant.now();
                out.println("Starting services " + String.join(", ", SERVICES) + " (logs in " + workDir.resolve("logs")
                        + ") …");
                for (String name : SERVICES) {
                    services.add(ServiceProcess.start(home, name, devstack.environment(), workDir.resolve("logs")));
                }
                for (ServiceProcess service : services) {
                    service.awaitReady(Duration.ofMinutes(2));
                }
                timings.put("services_start_s", seconds(t));

                t = Instant.now();
                var dataset = SyntheticDataset.ensure(store, experiment.spec().data().coco(), workDir, out);
                timings.put("data_s", seconds(t));

                try (var tasks = new TaskBatch(devstack.kafkaBootstrapServers(), publisher, services, out,
                        interactive)) {
                    t = Instant.now();
                    var jpeg = experiment.spec().jpeg();
                    for (int q : jpeg.augment()) {
                        tasks.submit("augment train q=" + q + " then " + jpeg.resaveQuality(), augment(
                                dataset, dataset.trainSelection(), q, jpeg.resaveQuality()));
                    }
                    Map<Integer, String> ladderTasks = new LinkedHashMap<>();
                    for (int q : jpeg.ladder()) {
                        ladderTasks.put(q, tasks.submit("compress test q=" + q,
                                augment(dataset, dataset.testSelection(), q, null)));
                    }
                    tasks.awaitAll();
                    timings.put("augment_s", seconds(t));

                    t = Instant.now();
                    Map<String, String> inputs = new LinkedHashMap<>();
                    inputs.put("originals", dataset.prefix());
                    inputs.put("selection", dataset.testSelection());
                    ladderTasks.forEach((q, id) -> inputs.put("q" + q, tasks.result(id).output()));
                    ObjectNode params = Json.MAPPER.createObjectNode().put("kind", "image-quality");
                    params.putPOJO("ladder", jpeg.ladder());
                    String quality = tasks.submit("image quality (table 1)", TaskRequest.of("evaluator", params,
                            inputs));
                    tasks.awaitAll();
                    timings.put("image_quality_s", seconds(t));

                    String metrics = tasks.result(quality).output();
                    JsonNode table1 = Json.MAPPER.readTree(store.getBytes(metrics + "/table1.json"));
                    timings.put("total_s", seconds(start));
                    var report = new Report(experiment, table1, PaperTables.table1(), dataset, timings);
                    String reportPrefix = "reports/" + experiment.metadata().name() + "-" + tasks.result(quality)
                            .contentKey();
                    report.write(reportDir, store, reportPrefix);
                    return reportPrefix;
                }
            } finally {
                for (ServiceProcess service : services) {
                    service.close();
                }
            }
        }
    }

    private static TaskRequest augment(SyntheticDataset dataset, String selection, int quality, Integer resave) {
        ObjectNode params = Json.MAPPER.createObjectNode().put("quality", quality);
        if (resave != null) {
            params.put("resave", resave);
        }
        return TaskRequest.of("augmenter", params, Map.of("images", dataset.prefix(), "selection", selection));
    }

    private static List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(Topics.EVENTS, Topics.DEAD_LETTER));
        SERVICES.forEach(s -> topics.add(Topics.tasks(s)));
        return topics;
    }

    private static double seconds(Instant since) {
        return Duration.between(since, Instant.now()).toMillis() / 1000.0;
    }

    /** Tasks sent over Kafka and followed on the event topic until each has ended. */
    private static final class TaskBatch implements AutoCloseable {
        private final EventPublisher publisher;
        private final List<ServiceProcess> services;
        private final Progress progress;
        private final EventFollower follower;
        private final List<String> pending = new ArrayList<>();
        private final Map<String, String> labels = new LinkedHashMap<>();

        TaskBatch(String bootstrap, EventPublisher publisher, List<ServiceProcess> services, PrintStream out,
                  boolean interactive) {
            this.publisher = publisher;
            this.services = services;
            this.progress = new Progress(out, interactive);
            this.follower = new EventFollower(bootstrap, progress::update);
        }

        String submit(String label, TaskRequest task) {
            follower.track(task.taskId());
            progress.add(task.taskId(), label);
            labels.put(task.taskId(), label);
            publisher.submit(task);
            pending.add(task.taskId());
            return task.taskId();
        }

        TaskEvent result(String taskId) {
            return follower.latest(taskId);
        }

        void awaitAll() throws IOException, InterruptedException {
            while (pending.stream().anyMatch(id -> result(id) == null || !result(id).type().terminal())) {
                for (ServiceProcess service : services) {
                    service.checkAlive();
                }
                progress.render();
                Thread.sleep(200);
            }
            progress.clear();
            List<String> failed = pending.stream().filter(id -> result(id).type() == TaskEvent.Type.FAILED)
                    .map(id -> labels.get(id) + ": " + result(id).error()).toList();
            pending.clear();
            if (!failed.isEmpty()) {
                throw new IOException(failed.size() + " task(s) failed: " + String.join("; ", failed));
            }
        }

        @Override
        public void close() throws InterruptedException {
            follower.close();
        }
    }
}
