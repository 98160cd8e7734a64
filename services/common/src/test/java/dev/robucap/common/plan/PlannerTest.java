package dev.robucap.common.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.data.synthetic.SyntheticDataset;
import dev.robucap.common.spec.Experiment;
import dev.robucap.common.store.ContentKey;
import dev.robucap.common.task.StageCatalog;
import dev.robucap.common.task.TaskRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {

    @TempDir
    Path dir;

    private static final String SPEC = """
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
              jpeg: {ladder: [80, 5], augment: [22, 2]}
              encoder: {variants: [base, "+2"], hyper: {epochs: 1}}
              captioner:
                grid: [{encoder: base, captioner: base}, {encoder: "+2", captioner: "+22"}]
                hyper: {stage1Epochs: 1, stage2Epochs: 0}
            """;

    private Plan plan(String yaml) throws Exception {
        Path file = dir.resolve("e.yaml");
        Files.writeString(file, yaml);
        return Planner.plan(Experiment.read(file));
    }

    @Test
    void everyTaskOfTheExperimentOnceAndEachAfterWhatItReads() throws Exception {
        Plan plan = plan(SPEC);
        List<String> ids = plan.tasks().stream().map(PlannedTask::id).toList();
        assertEquals(List.of("data/coco", "compress/coco-test-q80", "compress/coco-test-q5", "quality",
                "data/imagenet", "compress/imagenet-test-q80", "compress/imagenet-test-q5", "encoder/base",
                "top1/base", "augment/imagenet-train-q2", "encoder/+2", "top1/+2", "captioner/base/base",
                "bleu/base/base", "augment/coco-train-q22", "captioner/+2/+22", "bleu/+2/+22"), ids,
                "only the augmentations some variant needs: ImageNet at 2, COCO at 22");
        Set<String> seen = new HashSet<>();
        for (PlannedTask task : plan.tasks()) {
            assertTrue(seen.containsAll(task.dependencies()), task.id() + " after " + task.dependencies());
            seen.add(task.id());
        }
        assertEquals(List.of("augment/coco-train-q22", "data/coco", "encoder/+2"),
                plan.task("captioner/+2/+22").dependencies());
    }

    @Test
    void requestsCarryTheUpstreamOutputsAndKeysAreTheStagesOwn() throws Exception {
        Plan plan = plan(SPEC);
        DataSet coco = Planner.dataset(Experiment.read(dir.resolve("e.yaml")), "data/coco");
        assertEquals(SyntheticDataset.coco(coco.generated().spec() instanceof
                dev.robucap.common.data.synthetic.CocoSpec spec ? spec : null).prefix(), plan.output("data/coco"));
        assertEquals(coco.images(), coco.splits(), "generated data carries its selections");
        TaskRequest top1 = plan.request("top1/+2");
        assertEquals(plan.output("encoder/+2"), top1.inputs().get("model"));
        assertEquals(plan.output("compress/imagenet-test-q5"), top1.inputs().get("q5"));
        TaskRequest augment = plan.request("augment/coco-train-q22");
        assertEquals(coco.trainSelection(), augment.inputs().get("selection"));
        assertEquals(coco.images(), augment.inputs().get("images"));
        assertEquals(75, augment.param("resave").asInt());
        // what a stage service computes for the same request (StageRunner: stage, version, params, inputs)
        String key = ContentKey.of("evaluator", StageCatalog.evaluationVersion("top1"), top1.params(), top1.inputs());
        assertEquals(key, plan.contentKey("top1/+2"));
        assertEquals("metrics/evaluator-" + key, plan.output("top1/+2"));
        assertNotEquals(plan.request("top1/+2").taskId(), top1.taskId(), "a fresh task id per request");
    }

    @Test
    void changingATrainingParameterChangesThatTaskAndWhatReadsItOnly() throws Exception {
        Plan before = plan(SPEC);
        Plan after = plan(SPEC.replace("hyper: {stage1Epochs: 1, stage2Epochs: 0}",
                "hyper: {stage1Epochs: 2, stage2Epochs: 0}"));
        List<String> changed = new ArrayList<>();
        for (PlannedTask task : before.tasks()) {
            if (!before.contentKey(task.id()).equals(after.contentKey(task.id()))) {
                changed.add(task.id());
            }
        }
        assertEquals(List.of("captioner/base/base", "bleu/base/base", "captioner/+2/+22", "bleu/+2/+22"), changed);
    }

    @Test
    void forcingAStageForcesItsTasksAndEverythingDownstream() throws Exception {
        Plan plan = plan(SPEC);
        assertEquals(List.of("encoder/base", "top1/base", "encoder/+2", "top1/+2", "captioner/base/base",
                "bleu/base/base", "captioner/+2/+22", "bleu/+2/+22"), List.copyOf(plan.forcedBy(Set.of("encoder-trainer"))));
        Set<String> notForced = new HashSet<>(plan.tasks().stream().map(PlannedTask::id).toList());
        notForced.removeAll(plan.forcedBy(Set.of("augmenter")));
        assertEquals(Set.of("data/coco", "data/imagenet", "encoder/base", "captioner/base/base"), notForced,
                "the base models read no compressed set, everything else does");
        assertEquals(Set.of(), plan.forcedBy(Set.of()));
        var e = assertThrows(IllegalArgumentException.class, () -> plan.forcedBy(Set.of("encoder")));
        assertTrue(e.getMessage().contains("encoder-trainer"), e.getMessage());
    }

    @Test
    void withoutEncodersThePlanIsTheDataTheLadderAndTableOne() throws Exception {
        Plan plan = plan(SPEC.substring(0, SPEC.indexOf("  encoder:")));
        assertEquals(List.of("data/coco", "compress/coco-test-q80", "compress/coco-test-q5", "quality"),
                plan.tasks().stream().map(PlannedTask::id).toList());
        assertThrows(IllegalArgumentException.class, () -> plan.request("data/coco"), "data is not a stage task");
    }

    @Test
    void dataSetsInTheBucketAreReadWhereTheyAreAndOnlyTheirSelectionsAreWritten() throws Exception {
        String synthetic = SPEC.substring(SPEC.indexOf("  data:"), SPEC.indexOf("  jpeg:"));
        Plan plan = plan(SPEC.replace(synthetic, "  data:\n    s3: {coco: uploads/coco, imagenet: uploads/imagenet/}\n"));
        assertTrue(plan.output("data/coco").startsWith("datasets/index-coco-"), plan.output("data/coco"));
        TaskRequest augment = plan.request("augment/coco-train-q22");
        assertEquals("uploads/coco", augment.inputs().get("images"));
        assertEquals(plan.output("data/coco") + "/splits/train.txt", augment.inputs().get("selection"));
        assertEquals("uploads/imagenet", plan.request("encoder/base").inputs().get("imagenet"));
        assertEquals(List.of(), plan.task("encoder/base").dependencies(), "the encoder reads the folders itself");
        assertEquals(List.of("encoder/base"), plan.task("captioner/base/base").dependencies(), "it reads the data set itself");
    }
}
