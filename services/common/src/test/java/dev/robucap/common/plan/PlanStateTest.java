package dev.robucap.common.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.plan.PlanState.State;
import dev.robucap.common.spec.Experiment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanStateTest {

    @TempDir
    Path dir;

    private Plan plan() throws Exception {
        Path file = dir.resolve("e.yaml");
        Files.writeString(file, """
                apiVersion: robucap.dev/v1alpha1
                kind: Experiment
                metadata: {name: tiny}
                spec:
                  data:
                    synthetic:
                      seed: 3
                      imageSize: 64
                      coco: {train: 4, restval: 0, val: 1, test: 2}
                      imagenet: {imageSize: 64, trainPerClass: 2, valPerClass: 2}
                  jpeg: {ladder: [80], augment: [2]}
                  encoder: {variants: [base, "+2"]}
                """);
        return Planner.plan(Experiment.read(file));
    }

    private static List<String> ids(List<PlannedTask> tasks) {
        return tasks.stream().map(PlannedTask::id).toList();
    }

    @Test
    void aTaskIsReadyOnceEveryTaskItReadsFromSucceeded() throws Exception {
        PlanState state = new PlanState(plan(), Map.of());
        assertEquals(List.of("data/coco", "data/imagenet"), ids(state.ready()));
        state.set("data/coco", State.SUCCEEDED);
        state.set("data/imagenet", State.SUCCEEDED);
        assertEquals(List.of("compress/coco-test-q80", "compress/imagenet-test-q80", "encoder/base",
                "augment/imagenet-train-q2"), ids(state.ready()));
        state.set("compress/imagenet-test-q80", State.RUNNING);
        state.set("encoder/base", State.SUCCEEDED);
        assertFalse(ids(state.ready()).contains("top1/base"), "top1 also reads the compressed test set");
        state.set("compress/imagenet-test-q80", State.SUCCEEDED);
        assertTrue(ids(state.ready()).contains("top1/base"));
    }

    @Test
    void aFailedTaskStopsOnlyTheTasksDownstreamOfIt() throws Exception {
        Plan plan = plan();
        Map<String, State> known = new HashMap<>();
        plan.tasks().forEach(t -> known.put(t.id(), State.SUCCEEDED));
        for (String id : List.of("augment/imagenet-train-q2", "encoder/+2", "top1/+2", "top1/base")) {
            known.remove(id);
        }
        known.put("augment/imagenet-train-q2", State.FAILED);
        PlanState state = new PlanState(plan, known);

        assertEquals(Map.of("encoder/+2", "augment/imagenet-train-q2", "top1/+2", "encoder/+2"), state.markNotRun());
        assertEquals(State.NOT_RUN, state.state("top1/+2"));
        assertEquals(List.of("top1/base"), ids(state.ready()), "the base encoder's branch goes on");
        assertFalse(state.finished());
        state.set("top1/base", State.SUCCEEDED);
        assertTrue(state.finished());
        assertEquals(2, state.count(State.NOT_RUN));
    }
}
