package dev.robucap.cli.local;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.robucap.common.Json;
import dev.robucap.common.events.KafkaTopics;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.S3Config;
import dev.robucap.common.task.StageCatalog;
import dev.robucap.common.task.Topics;
import dev.robucap.devstack.Devstack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a local run needs running: the embedded Kafka and S3 and the stage services. Either started for the run
 * (and stopped with it), or those a {@code robucap up} left running, found through {@code <work dir>/up.json}.
 */
public final class LocalStack implements AutoCloseable {

    /** Every stage service, in the order they start. */
    public static final List<String> STAGES = List.of(StageCatalog.AUGMENTER, StageCatalog.EVALUATOR,
            StageCatalog.ENCODER_TRAINER, StageCatalog.CAPTIONER_TRAINER);

    private record UpFile(long pid, Map<String, String> environment, Map<String, Integer> services) {
    }

    private final Map<String, String> environment;
    private final List<LocalService> services;
    private final Devstack devstack;
    private final Long attachedTo;

    private LocalStack(Map<String, String> environment, List<LocalService> services, Devstack devstack,
                       Long attachedTo) {
        this.environment = environment;
        this.services = services;
        this.devstack = devstack;
        this.attachedTo = attachedTo;
    }

    /**
     * Starts the devstack in {@code <workDir>/devstack}, then the services of {@code stages} (logs in
     * {@code <workDir>/logs}); tasks left queued by an earlier run that was stopped are withdrawn first: the
     * services that would have worked on them for nobody are gone (what they did stays: a task sent again resumes
     * from its checkpoint or finds its output published).
     */
    public static LocalStack start(Path home, Path workDir, List<String> stages, PrintStream out)
            throws IOException, InterruptedException {
        out.println("Starting the embedded Kafka broker and S3 server in " + workDir.resolve("devstack") + " …");
        Devstack devstack = Devstack.builder().dataDir(workDir.resolve("devstack")).start();
        List<LocalService> started = new ArrayList<>();
        try {
            String bootstrap = devstack.kafkaBootstrapServers();
            List<String> topics = new ArrayList<>(List.of(Topics.EVENTS, Topics.DEAD_LETTER));
            stages.forEach(stage -> topics.add(Topics.tasks(stage)));
            KafkaTopics.ensureTopics(bootstrap, topics, 4);
            for (String stage : stages) {
                long skipped = KafkaTopics.skipQueued(bootstrap, Topics.tasks(stage), Topics.consumerGroup(stage));
                if (skipped > 0) {
                    out.println("Withdrew " + skipped + " " + stage + " task(s) left queued by an earlier run");
                }
            }
            out.println("Starting services " + String.join(", ", stages) + " (logs in " + workDir.resolve("logs")
                    + ") …");
            for (String stage : stages) {
                started.add(ServiceProcess.start(home, stage, devstack.environment(), workDir.resolve("logs")));
            }
            for (LocalService service : started) {
                ((ServiceProcess) service).awaitReady(Duration.ofMinutes(2));
            }
            return new LocalStack(devstack.environment(), List.copyOf(started), devstack, null);
        } catch (IOException | InterruptedException | RuntimeException e) {
            started.forEach(LocalService::close);
            devstack.close();
            throw e;
        }
    }

    /**
     * A stack over a devstack and services that the caller started and stops itself (fault tests stop and restart
     * parts of it); closing it leaves them running. {@link #advertise} it for {@link LocalRun} to use it.
     */
    public static LocalStack of(Devstack devstack, List<ServiceProcess> services) {
        return new LocalStack(devstack.environment(), List.copyOf(services), null, ProcessHandle.current().pid());
    }

    /**
     * The stack a {@code robucap up} keeps running on {@code workDir}, if there is one and its process is alive;
     * a file left by one that died is removed.
     */
    public static Optional<LocalStack> attach(Path workDir, PrintStream out) throws IOException {
        Path file = upFile(workDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        UpFile up;
        try {
            up = Json.MAPPER.readValue(file.toFile(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new IOException(file + " is not what `robucap up` writes (" + e.getMessage().lines().findFirst()
                    .orElse("") + "): stop that `robucap up`, or delete the file if none is running", e);
        }
        if (ProcessHandle.of(up.pid()).map(ProcessHandle::isAlive).orElse(false)) {
            List<LocalService> services = new ArrayList<>();
            up.services().forEach((name, port) -> services.add(new RunningService(name, port)));
            out.println("Re-using the Kafka, S3 and stage services of `robucap up` (pid " + up.pid() + ")");
            return Optional.of(new LocalStack(up.environment(), List.copyOf(services), null, up.pid()));
        }
        out.println("Removing " + file + ": the `robucap up` that wrote it (pid " + up.pid() + ") is gone");
        Files.delete(file);
        return Optional.empty();
    }

    /** Writes {@code up.json} for later runs to find this stack (readable by its owner only: it holds S3 keys). */
    public void advertise(Path workDir) throws IOException {
        Map<String, Integer> ports = new LinkedHashMap<>();
        services.forEach(s -> ports.put(s.name(), ((ServiceProcess) s).port()));
        Path file = upFile(workDir);
        Path temp = Files.createTempFile(workDir, "up", ".json",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Json.MAPPER.writeValue(temp.toFile(), new UpFile(ProcessHandle.current().pid(), environment, ports));
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static Path upFile(Path workDir) {
        return workDir.resolve("up.json");
    }

    public String kafkaBootstrapServers() {
        return environment.get("KAFKA_BOOTSTRAP_SERVERS");
    }

    public ArtifactStore store() {
        return ArtifactStore.connect(new S3Config(environment.get("ROBUCAP_S3_ENDPOINT"),
                environment.get("ROBUCAP_S3_ACCESS_KEY"), environment.get("ROBUCAP_S3_SECRET_KEY"),
                environment.get("ROBUCAP_S3_BUCKET")));
    }

    /** The services, each of which must answer for the run to go on; fails naming those that are missing. */
    public List<LocalService> services(List<String> needed) throws IOException {
        List<String> names = services.stream().map(LocalService::name).toList();
        List<String> missing = needed.stream().filter(n -> !names.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new IOException("no running " + String.join(", ", missing) + " service"
                    + (attachedTo == null ? "" : " in the `robucap up` of pid " + attachedTo));
        }
        return services.stream().filter(s -> needed.contains(s.name())).toList();
    }

    public boolean attached() {
        return attachedTo != null;
    }

    /** Stops what this stack started; an attached one is left running. */
    @Override
    public void close() {
        if (devstack != null) {
            services.forEach(LocalService::close);
            devstack.close();
        }
    }
}
