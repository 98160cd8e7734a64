package dev.robucap.cli.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robucap.cli.Progress;
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
 *
 * <p>The run's phases: data (generated once), then every compression (training-set augmentation at each q, the
 * test sets at each quality of the ladder), then the image-quality analysis and the encoders' training, then
 * top-1 of each encoder over the ladder and the captioners' training (each on its cell's encoder), then BLEU of each
 * captioner over the ladder. Tasks of a phase run concurrently across the services.
 */
public final class LocalRun {

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

    private boolean trainsEncoders() {
        return experiment.spec().encoder() != null;
    }

    private boolean trainsCaptioners() {
        return experiment.spec().captioner() != null;
    }

    private List<String> services() {
        List<String> services = new ArrayList<>(List.of("augmenter", "evaluator"));
        if (trainsEncoders()) {
            services.add("encoder-trainer");
        }
        if (trainsCaptioners()) {
            services.add("captioner-trainer");
        }
        return services;
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
                out.println("Starting services " + String.join(", ", services()) + " (logs in "
                        + workDir.resolve("logs") + ") …");
                for (String name : services()) {
                    services.add(ServiceProcess.start(home, name, devstack.environment(), workDir.resolve("logs")));
                }
                for (ServiceProcess service : services) {
                    service.awaitReady(Duration.ofMinutes(2));
                }
                timings.put("services_start_s", seconds(t));

                t = Instant.now();
                var data = experiment.spec().data();
                var coco = SyntheticDataset.ensureCoco(store, data.coco(), workDir, out);
                var imagenet = trainsEncoders() ? SyntheticDataset.ensureImageNet(store, data.imagenet(), workDir, out)
                        : null;
                timings.put("data_s", seconds(t));

                try (var tasks = new TaskBatch(devstack.kafkaBootstrapServers(), publisher, services, out,
                        interactive)) {
                    var jpeg = experiment.spec().jpeg();
                    t = Instant.now();
                    Map<Integer, String> cocoTrain = new LinkedHashMap<>();
                    for (int q : jpeg.augment()) {
                        cocoTrain.put(q, tasks.submit("augment COCO train q=" + q + "→" + jpeg.resaveQuality(),
                                augment(coco, coco.trainSelection(), q, jpeg.resaveQuality())));
                    }
                    Map<Integer, String> cocoLadder = ladder(tasks, coco, "COCO");
                    Map<Integer, String> imagenetTrain = new LinkedHashMap<>();
                    Map<Integer, String> imagenetLadder = Map.of();
                    if (imagenet != null) {
                        for (String variant : experiment.spec().encoder().variants()) {
                            Integer q = Experiment.augmentationQuality(variant);
                            if (q != null) {
                                imagenetTrain.put(q, tasks.submit("augment ImageNet train q=" + q + "→"
                                        + jpeg.resaveQuality(), augment(imagenet, imagenet.trainSelection(), q,
                                        jpeg.resaveQuality())));
                            }
                        }
                        imagenetLadder = ladder(tasks, imagenet, "ImageNet");
                    }
                    tasks.awaitAll();
                    timings.put("compression_s", seconds(t));

                    t = Instant.now();
                    String quality = tasks.submit("image quality (table 1)",
                            evaluate("image-quality", Map.of("originals", coco.prefix(), "selection",
                                    coco.testSelection()), cocoLadder, tasks));
                    Map<String, String> encoders = new LinkedHashMap<>();
                    if (imagenet != null) {
                        for (String variant : experiment.spec().encoder().variants()) {
                            Integer q = Experiment.augmentationQuality(variant);
                            Map<String, String> inputs = new LinkedHashMap<>(Map.of("imagenet", imagenet.prefix()));
                            if (q != null) {
                                inputs.put("augmented", tasks.result(imagenetTrain.get(q)).output());
                            }
                            encoders.put(variant, tasks.submit("train encoder " + variant,
                                    TaskRequest.of("encoder-trainer", encoderParams(variant), inputs)));
                        }
                    }
                    tasks.awaitAll();
                    timings.put("quality_and_training_s", seconds(t));

                    t = Instant.now();
                    Map<String, String> top1 = new LinkedHashMap<>();
                    for (var encoder : encoders.entrySet()) {
                        top1.put(encoder.getKey(), tasks.submit("top-1 of encoder " + encoder.getKey(),
                                evaluate("top1", Map.of("model", tasks.result(encoder.getValue()).output(),
                                        "imagenet", imagenet.prefix()), imagenetLadder, tasks)));
                    }
                    Map<String, String> captioners = new LinkedHashMap<>();
                    if (trainsCaptioners()) {
                        for (var cell : experiment.spec().captioner().grid()) {
                            Integer q = Experiment.augmentationQuality(cell.captioner());
                            Map<String, String> inputs = new LinkedHashMap<>(Map.of("coco", coco.prefix(),
                                    "encoder", tasks.result(encoders.get(cell.encoder())).output()));
                            if (q != null) {
                                inputs.put("augmented", tasks.result(cocoTrain.get(q)).output());
                            }
                            captioners.put(cell.label(), tasks.submit("train captioner " + cell.label(),
                                    TaskRequest.of("captioner-trainer", captionerParams(cell.captioner()), inputs)));
                        }
                    }
                    tasks.awaitAll();
                    timings.put("top1_and_captioners_s", seconds(t));

                    t = Instant.now();
                    Map<String, String> bleu = new LinkedHashMap<>();
                    for (var captioner : captioners.entrySet()) {
                        bleu.put(captioner.getKey(), tasks.submit("BLEU of captioner " + captioner.getKey(),
                                evaluate("bleu", Map.of("captioner", tasks.result(captioner.getValue()).output(),
                                        "coco", coco.prefix()), cocoLadder, tasks)));
                    }
                    tasks.awaitAll();
                    timings.put("bleu_s", seconds(t));

                    JsonNode table1 = Json.MAPPER.readTree(store.getBytes(tasks.result(quality).output()
                            + "/table1.json"));
                    Map<String, JsonNode> table2 = new LinkedHashMap<>();
                    for (var entry : top1.entrySet()) {
                        table2.put(entry.getKey(), Json.MAPPER.readTree(store.getBytes(
                                tasks.result(entry.getValue()).output() + "/table2.json")));
                    }
                    Map<String, JsonNode> table3 = new LinkedHashMap<>();
                    for (var entry : bleu.entrySet()) {
                        table3.put(entry.getKey(), Json.MAPPER.readTree(store.getBytes(
                                tasks.result(entry.getValue()).output() + "/table3.json")));
                    }
                    timings.put("total_s", seconds(start));
                    var report = new Report(experiment, table1, table2, table3, coco, imagenet, timings);
                    String reportPrefix = "reports/" + experiment.metadata().name() + "-"
                            + tasks.result(quality).contentKey();
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

    /** One single-compression task per quality of the ladder over the data set's test images. */
    private Map<Integer, String> ladder(TaskBatch tasks, SyntheticDataset dataset, String name) {
        Map<Integer, String> ids = new LinkedHashMap<>();
        for (int q : experiment.spec().jpeg().ladder()) {
            ids.put(q, tasks.submit("compress " + name + " test q=" + q, augment(dataset, dataset.testSelection(), q,
                    null)));
        }
        return ids;
    }

    private TaskRequest evaluate(String kind, Map<String, String> inputs, Map<Integer, String> ladderTasks,
                                 TaskBatch tasks) {
        ObjectNode params = Json.MAPPER.createObjectNode().put("kind", kind);
        params.putPOJO("ladder", experiment.spec().jpeg().ladder());
        Map<String, String> all = new LinkedHashMap<>(inputs);
        ladderTasks.forEach((q, id) -> all.put("q" + q, tasks.result(id).output()));
        return TaskRequest.of("evaluator", params, all);
    }

    private ObjectNode encoderParams(String variant) {
        var encoder = experiment.spec().encoder();
        ObjectNode params = Json.MAPPER.createObjectNode().put("variant", variant);
        if (encoder.hyper() != null) {
            params.set("hyper", encoder.hyper());
        }
        if (encoder.resizeSize() != null) {
            params.put("resizeSize", encoder.resizeSize());
        }
        if (encoder.cropSize() != null) {
            params.put("cropSize", encoder.cropSize());
        }
        if (encoder.width() != null) {
            params.put("width", encoder.width());
        }
        if (encoder.minCropScale() != null) {
            params.put("minCropScale", encoder.minCropScale());
        }
        return params;
    }

    private ObjectNode captionerParams(String variant) {
        var captioner = experiment.spec().captioner();
        ObjectNode params = Json.MAPPER.createObjectNode().put("variant", variant);
        if (captioner.hyper() != null) {
            params.set("hyper", captioner.hyper());
        }
        if (captioner.imageSize() != null) {
            params.put("imageSize", captioner.imageSize());
        }
        return params;
    }

    private static TaskRequest augment(SyntheticDataset dataset, String selection, int quality, Integer resave) {
        ObjectNode params = Json.MAPPER.createObjectNode().put("quality", quality);
        if (resave != null) {
            params.put("resave", resave);
        }
        return TaskRequest.of("augmenter", params, Map.of("images", dataset.prefix(), "selection", selection));
    }

    private List<String> topics() {
        List<String> topics = new ArrayList<>(List.of(Topics.EVENTS, Topics.DEAD_LETTER));
        services().forEach(s -> topics.add(Topics.tasks(s)));
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
