package dev.robucap.cli.faults;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robucap.cli.local.LocalStack;
import dev.robucap.cli.local.ServiceProcess;
import dev.robucap.common.events.EventPublisher;
import dev.robucap.common.events.KafkaTopics;
import dev.robucap.common.plan.Plan;
import dev.robucap.common.plan.PlannedTask;
import dev.robucap.common.plan.Planner;
import dev.robucap.common.spec.Experiment;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.Manifest;
import dev.robucap.common.store.ObjectInfo;
import dev.robucap.common.task.StageCatalog;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.common.task.Topics;
import dev.robucap.devstack.Devstack;
import dev.robucap.driver.DataPreparation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a fault test needs: a devstack it may stop and restart, the plan of an experiment with its data prepared,
 * stage services started as processes (the jars the cluster runs), the task topics, and every event.
 */
final class FaultRig implements AutoCloseable {

    static final Path HOME = Path.of("../..").toAbsolutePath().normalize();

    final Path dir;
    final Devstack devstack;
    final ArtifactStore store;
    final Experiment experiment;
    final Plan plan;
    final EventPublisher publisher;
    final EventLog events;
    private final List<ServiceProcess> services = new ArrayList<>();
    private int started;

    FaultRig(Path dir, String spec) throws Exception {
        this.dir = dir;
        this.experiment = Experiment.read(Path.of(FaultRig.class.getResource(spec).toURI()));
        this.plan = Planner.plan(experiment);
        this.devstack = Devstack.builder().dataDir(dir.resolve("devstack")).start();
        this.store = LocalStack.of(devstack, List.of()).store();
        List<String> topics = new ArrayList<>(List.of(Topics.EVENTS, Topics.DEAD_LETTER));
        LocalStack.STAGES.forEach(stage -> topics.add(Topics.tasks(stage)));
        KafkaTopics.ensureTopics(devstack.kafkaBootstrapServers(), topics, 4);
        this.publisher = EventPublisher.connect(devstack.kafkaBootstrapServers());
        this.events = new EventLog(devstack.kafkaBootstrapServers());
    }

    /** Generates and uploads the experiment's synthetic data sets. */
    void prepareData() throws Exception {
        var out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (PlannedTask task : plan.tasks()) {
            if (Plan.DATAGEN.equals(task.stage())) {
                DataPreparation.ensure(store, Planner.dataset(experiment, task.id()), dir, out);
            }
        }
    }

    /** The planned encoder-trainer task of {@code variant}. */
    PlannedTask encoder(String variant) {
        return plan.tasks().stream().filter(t -> StageCatalog.ENCODER_TRAINER.equals(t.stage()))
                .filter(t -> variant.equals(t.params().path("variant").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no encoder task of variant " + variant + " in the plan"));
    }

    /** The request of a planned task with its hyper-parameter {@code seed} set: another content key. */
    TaskRequest request(PlannedTask task, int seed) {
        return request(task, seed, null);
    }

    /** The planned task with its own seed (a content key of its own) and, if given, another number of epochs. */
    TaskRequest request(PlannedTask task, int seed, Integer epochs) {
        TaskRequest planned = plan.request(task.id());
        ObjectNode params = planned.params().deepCopy();
        params.with("hyper").put("seed", seed);
        if (epochs != null) {
            params.with("hyper").put("epochs", epochs);
        }
        return TaskRequest.of(planned.stage(), params, planned.inputs());
    }

    String checkpointPrefix(TaskRequest request, String contentKey) {
        return "checkpoints/" + request.stage() + "-" + contentKey + "/";
    }

    /** Starts a stage service (its log in {@code logs-<n>/}) and waits until it is ready. */
    ServiceProcess start(String stage) throws Exception {
        ServiceProcess service = ServiceProcess.start(HOME, stage, devstack.environment(),
                dir.resolve("logs-" + ++started));
        services.add(service);
        service.awaitReady(Duration.ofMinutes(3));
        return service;
    }

    /**
     * Every published manifest's entries are there with the sizes it gives: no partial output is ever visible
     * under a manifest. Returns the problems, empty when there are none.
     */
    List<String> unbackedManifestEntries() {
        // Every top-level folder the plan writes to (a listing of the whole bucket is not a valid prefix).
        Map<String, Long> sizes = plan.tasks().stream().map(t -> plan.output(t.id()).split("/")[0] + "/").distinct()
                .flatMap(folder -> store.list(folder).stream())
                .collect(Collectors.toMap(ObjectInfo::key, ObjectInfo::size, (a, b) -> a));
        List<String> problems = new ArrayList<>();
        for (String key : sizes.keySet()) {
            if (!key.endsWith("/" + Manifest.FILE_NAME)) {
                continue;
            }
            String folder = key.substring(0, key.length() - Manifest.FILE_NAME.length());
            Manifest manifest = store.getJson(key, Manifest.class);
            for (Manifest.Entry entry : manifest.entries()) {
                Long size = sizes.get(folder + entry.key());
                if (size == null || (entry.size() >= 0 && size != entry.size())) {
                    problems.add(folder + entry.key() + " (" + size + " bytes, manifest says " + entry.size() + ")");
                }
            }
        }
        return problems;
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess service : services) {
            service.close();
        }
        events.close();
        publisher.close();
        store.close();
        devstack.close();
    }
}
