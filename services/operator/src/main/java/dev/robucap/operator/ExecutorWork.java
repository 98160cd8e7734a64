package dev.robucap.operator;

import dev.robucap.common.plan.Plan;
import dev.robucap.common.plan.Planner;
import dev.robucap.common.spec.Experiment;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.driver.DataPreparation;
import dev.robucap.driver.report.ExperimentReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * {@link InProcessWork} on one worker thread (data generation is CPU-bound and the operator's pod is small), in a
 * scratch directory that is emptied after each piece of work; outcomes are remembered by key.
 */
final class ExecutorWork implements InProcessWork, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ExecutorWork.class);

    private final ArtifactStore store;
    private final Path scratch;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "operator-work");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

    ExecutorWork(ArtifactStore store, Path scratch) {
        this.store = store;
        this.scratch = scratch;
    }

    @Override
    public Outcome prepareData(String key, Experiment experiment, String taskId) {
        return submit("data " + key, dir -> {
            DataPreparation.ensure(store, Planner.dataset(experiment, taskId), dir, log(taskId));
            return null;
        });
    }

    @Override
    public Outcome writeReport(String key, Experiment experiment, Plan plan) {
        // The operator knows no task's wall time (stages report theirs in their events): no timings.
        return submit("report " + key, dir -> ExperimentReport.write(experiment, plan, store, dir, Map.of()));
    }

    private interface Work {
        String run(Path dir) throws Exception;
    }

    private Outcome submit(String key, Work work) {
        Outcome known = outcomes.putIfAbsent(key, new Outcome(State.RUNNING, null));
        if (known != null) {
            return known;
        }
        worker.submit((Callable<Void>) () -> {
            Path dir = Files.createTempDirectory(scratch, "work");
            try {
                outcomes.put(key, new Outcome(State.SUCCEEDED, work.run(dir)));
            } catch (Exception e) {
                LOG.errorf(e, "%s failed", key);
                outcomes.put(key, new Outcome(State.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage()));
            } finally {
                delete(dir);
            }
            return null;
        });
        return new Outcome(State.RUNNING, null);
    }

    private static PrintStream log(String taskId) {
        return new PrintStream(new java.io.OutputStream() {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) {
                if (b == '\n') {
                    LOG.infof("%s: %s", taskId, line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("could not empty %s: %s", dir, e.getMessage());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
