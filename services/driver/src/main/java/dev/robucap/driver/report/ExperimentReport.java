package dev.robucap.driver.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.Json;
import dev.robucap.common.plan.Plan;
import dev.robucap.common.plan.PlannedTask;
import dev.robucap.common.plan.Planner;
import dev.robucap.common.spec.Experiment;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.ContentKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report of an experiment whose plan has run: its tables read from the evaluations the plan names, written to a
 * local directory and to S3 under {@code reports/<experiment>-<key>}, the key being of every task it reads, so that
 * runs that differ anywhere keep their own report. The same for {@code robucap run} and the operator.
 */
public final class ExperimentReport {

    /** Test images shown with their captions. */
    private static final int SAMPLE_IMAGES = 4;

    private ExperimentReport() {
    }

    /** Where the report of this plan goes in the bucket. */
    public static String prefix(Experiment experiment, Plan plan) {
        var keys = Json.MAPPER.createObjectNode();
        plan.tasks().forEach(task -> keys.put(task.id(), plan.contentKey(task.id())));
        return "reports/" + experiment.metadata().name() + "-" + ContentKey.of("report", "1", keys, Map.of());
    }

    /**
     * Writes the report into {@code dir} and to the bucket; {@code timings} (seconds by name) are the run's, shown
     * as they are. Returns the report's prefix in the bucket.
     */
    public static String write(Experiment experiment, Plan plan, ArtifactStore store, Path dir,
                               Map<String, Double> timings) throws IOException {
        JsonNode table1 = json(store, plan.output("quality") + "/table1.json");
        Map<String, JsonNode> table2 = new LinkedHashMap<>();
        Map<String, JsonNode> table3 = new LinkedHashMap<>();
        for (PlannedTask task : plan.tasks()) {
            if (task.id().startsWith("top1/")) {
                table2.put(task.id().substring("top1/".length()), json(store, plan.output(task.id()) + "/table2.json"));
            } else if (task.id().startsWith("bleu/")) {
                table3.put(task.id().substring("bleu/".length()), json(store, plan.output(task.id()) + "/table3.json"));
            }
        }
        var imagenet = plan.contains("data/imagenet") ? Planner.dataset(experiment, "data/imagenet") : null;
        SampleCaptions samples = null;
        if (!table3.isEmpty()) {
            Map<Integer, String> ladder = new LinkedHashMap<>();
            experiment.spec().jpeg().ladder().forEach(q -> ladder.put(q, plan.output("compress/coco-test-q" + q)));
            Map<String, String> bleu = new LinkedHashMap<>();
            table3.keySet().forEach(cell -> bleu.put(cell, plan.output("bleu/" + cell)));
            samples = SampleCaptions.load(store, Planner.dataset(experiment, "data/coco").images(), ladder, bleu,
                    SAMPLE_IMAGES);
        }
        var report = new Report(experiment, table1, table2, table3, Planner.dataset(experiment, "data/coco"), imagenet,
                samples, timings);
        String prefix = prefix(experiment, plan);
        report.write(dir, store, prefix);
        return prefix;
    }

    private static JsonNode json(ArtifactStore store, String key) throws IOException {
        return Json.MAPPER.readTree(store.getBytes(key));
    }
}
