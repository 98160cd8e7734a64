package dev.robucap.common.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExperimentTest {

    @TempDir
    Path dir;

    private static final String VALID = """
            apiVersion: robucap.dev/v1alpha1
            kind: Experiment
            metadata: {name: demo}
            spec:
              data: {synthetic: {seed: 1, imageSize: 64, coco: {train: 4, restval: 0, val: 1, test: 2}}}
              jpeg: {ladder: [80, 2], augment: [22], resave: 75}
            """;

    @Test
    void theQuickstartWorkflowIsValid() throws Exception {
        Experiment experiment = Experiment.read(Path.of("../../workflows/quickstart.yaml"));
        assertEquals(Experiment.PAPER_LADDER, experiment.spec().jpeg().ladder());
        assertEquals(Experiment.PAPER_AUGMENT, experiment.spec().jpeg().augment());
        assertEquals(75, experiment.spec().jpeg().resaveQuality());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'ladder: [80, 2]'|'ladder: [80, 0]'|spec.jpeg.ladder",
        "'augment: [22]'|'augment: [101]'|spec.jpeg.augment",
        "'ladder: [80, 2]'|'ladder: []'|spec.jpeg.ladder",
        "'augment: [22]'|'augment: [22, 22]'|spec.jpeg.augment",
        "'resave: 75'|'resave: -3'|spec.jpeg.resave",
        "'name: demo'|'name: Not_A_Name'|metadata.name",
        "'kind: Experiment'|'kind: Pipeline'|kind",
        "'apiVersion: robucap.dev/v1alpha1'|'apiVersion: v9'|apiVersion",
        "'data: {synthetic: {seed: 1, imageSize: 64, coco: {train: 4, restval: 0, val: 1, test: 2}}}'|'data: {}'|spec.data"})
    void anInvalidSpecIsRefusedNamingTheField(String valid, String broken, String field) throws Exception {
        Path file = dir.resolve("x.yaml");
        Files.writeString(file, VALID.replace(valid, broken));
        var e = assertThrows(InvalidSpecException.class, () -> Experiment.read(file));
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void malformedYamlAndWrongTypesAreRefusedWithAClearMessage() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "apiVersion: [unclosed");
        assertThrows(InvalidSpecException.class, () -> Experiment.read(file));
        Files.writeString(file, VALID.replace("ladder: [80, 2]", "ladder: eighty"));
        assertThrows(InvalidSpecException.class, () -> Experiment.read(file));
    }

    @Test
    void aMisspeltFieldIsRefusedByName() throws Exception {
        Path file = dir.resolve("typo.yaml");
        Files.writeString(file, VALID.replace("resave: 75", "resave: 75, ladr: [3]"));
        var e = assertThrows(InvalidSpecException.class, () -> Experiment.read(file));
        assertTrue(e.getMessage().contains("ladr"), e.getMessage());
    }

    private static final String WITH_ENCODER = VALID.replace("coco: {train: 4, restval: 0, val: 1, test: 2}}}",
            "coco: {train: 4, restval: 0, val: 1, test: 2}, imagenet: {imageSize: 32, trainPerClass: 2, "
                    + "valPerClass: 2}}}") + "  encoder: {variants: [base, '+22'], cropSize: 28}\n";

    @Test
    void anEncoderSectionNamesItsVariantsAndTheirAugmentationQualities() throws Exception {
        Path file = dir.resolve("encoder.yaml");
        Files.writeString(file, WITH_ENCODER);
        var experiment = Experiment.read(file);
        assertEquals(java.util.List.of("base", "+22"), experiment.spec().encoder().variants());
        assertEquals(20, experiment.spec().data().imagenet().trainImages());
        assertEquals(22, Experiment.augmentationQuality("+22"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'+22'|'+7'|spec.encoder.variants",
        "'+22'|plus|spec.encoder.variants",
        "'+22'|'+0'|spec.encoder.variants",
        "'+22'|base|spec.encoder.variants",
        "'cropSize: 28'|'cropSize: 28, minCropScale: 0'|spec.encoder.minCropScale",
        "'cropSize: 28'|'cropSize: 28, minCropScale: 1.5'|spec.encoder.minCropScale",
        "'trainPerClass: 2'|'trainPerClass: x'|spec.data.synthetic.imagenet.trainPerClass"})
    void anInvalidEncoderSectionIsRefusedNamingTheField(String valid, String broken, String field) throws Exception {
        Path file = dir.resolve("x.yaml");
        Files.writeString(file, WITH_ENCODER.replace(valid, broken));
        var e = assertThrows(InvalidSpecException.class, () -> Experiment.read(file));
        assertEquals(field, e.field(), e.getMessage());
    }

    private static final String WITH_CAPTIONER = WITH_ENCODER
            + "  captioner: {grid: [{encoder: base, captioner: base}, {encoder: \"+22\", captioner: \"+22\"}], "
            + "imageSize: 32}\n";

    @Test
    void aCaptionerSectionListsTheGridCells() throws Exception {
        Path file = dir.resolve("captioner.yaml");
        Files.writeString(file, WITH_CAPTIONER);
        var grid = Experiment.read(file).spec().captioner().grid();
        assertEquals(java.util.List.of("base/base", "+22/+22"),
                grid.stream().map(Experiment.GridCell::label).toList());
    }

    @Test
    void gridPaperIsTable3sThirteenRowsInItsOrder() throws Exception {
        Path file = dir.resolve("paper.yaml");
        Files.writeString(file, WITH_CAPTIONER
                .replace("grid: [{encoder: base, captioner: base}, {encoder: \"+22\", captioner: \"+22\"}]", "grid: paper")
                .replace("augment: [22]", "augment: [22, 10, 7, 2]")
                .replace("variants: [base, '+22']", "variants: [base, '+22', '+10', '+7', '+2']"));
        var grid = Experiment.read(file).spec().captioner().grid();
        assertEquals(java.util.List.of("base/base", "base/+22", "base/+10", "base/+7", "base/+2", "+22/base",
                "+10/base", "+7/base", "+2/base", "+22/+22", "+10/+10", "+7/+7", "+2/+2"),
                grid.stream().map(Experiment.GridCell::label).toList());

        Files.writeString(file, Files.readString(file).replace("grid: paper", "grid: papers"));
        var e = assertThrows(InvalidSpecException.class, () -> Experiment.read(file));
        assertTrue(e.getMessage().contains("spec.captioner.grid is \"paper\" or a list"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'grid: [{encoder: base, captioner: base}, {encoder: \"+22\", captioner: \"+22\"}]'|'grid: []'"
                + "|spec.captioner.grid",
        "'{encoder: base, captioner: base}'|'{encoder: \"+7\", captioner: base}'|spec.captioner.grid[0].encoder",
        "'{encoder: base, captioner: base}'|'{encoder: base, captioner: \"+7\"}'|spec.captioner.grid[0].captioner",
        "'{encoder: base, captioner: base}'|'{encoder: base, captioner: big}'|spec.captioner.grid[0].captioner",
        "'{encoder: base, captioner: base}'|'{encoder: \"+22\", captioner: \"+22\"}'|spec.captioner.grid",
        "'imageSize: 32}'|'imageSize: 8}'|spec.captioner.imageSize"})
    void anInvalidCaptionerSectionIsRefusedNamingTheField(String valid, String broken, String field)
            throws Exception {
        Path file = dir.resolve("x.yaml");
        Files.writeString(file, WITH_CAPTIONER.replace(valid, broken));
        var e = assertThrows(InvalidSpecException.class, () -> Experiment.read(file));
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void captionersNeedAnEncoderSection() throws Exception {
        Path file = dir.resolve("x.yaml");
        Files.writeString(file, WITH_CAPTIONER.replace("  encoder: {variants: [base, '+22'], cropSize: 28}\n", ""));
        var e = assertThrows(InvalidSpecException.class, () -> Experiment.read(file));
        assertEquals("spec.encoder", e.field(), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'s3: {coco: uploads/coco, imagenet: uploads/imagenet}'|",
        "'s3: {coco: uploads/coco}'|spec.data.s3.imagenet",
        "'s3: {imagenet: uploads/imagenet}'|spec.data.s3.coco",
        "'s3: {coco: ../coco, imagenet: uploads/imagenet}'|spec.data.s3.coco",
        "'s3: {coco: uploads/coco, imagenet: uploads/imagenet}, synthetic: {seed: 1}'|spec.data"})
    void dataSetsInTheBucketAreNamedByPrefix(String source, String field) throws Exception {
        Path file = dir.resolve("s3.yaml");
        String yaml = WITH_ENCODER.substring(0, WITH_ENCODER.indexOf("  data:")) + "  data: {" + source + "}\n"
                + WITH_ENCODER.substring(WITH_ENCODER.indexOf("  jpeg:"));
        Files.writeString(file, yaml);
        if (field == null) {
            assertEquals("uploads/coco", Experiment.read(file).spec().data().s3().coco());
        } else {
            var e = assertThrows(InvalidSpecException.class, () -> Experiment.read(file), yaml);
            assertEquals(field, e.field(), e.getMessage());
        }
    }

    private static final String WITH_RESOURCES = VALID + """
              resources:
                encoder-trainer: {pool: gpu, gpus: 1, cpu: 3500m, memory: 16Gi}
                augmenter: {cpu: "2"}
              pools:
                gpu:
                  nodeSelector: {cloud.google.com/gke-accelerator: nvidia-l4}
                  tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]
                  gpusPerTask: 1
                  maxParallel: 2
                  maxAttempts: 3
                  resources: {requests: {cpu: "4"}, limits: {memory: 24Gi}}
            """;

    @Test
    void stagesGetResourcesAndPools() throws Exception {
        Path file = dir.resolve("resources.yaml");
        Files.writeString(file, WITH_RESOURCES);
        var spec = Experiment.read(file).spec();
        assertEquals(new Experiment.StageResources("gpu", 1, "3500m", "16Gi"), spec.resources().get("encoder-trainer"));
        var pool = spec.pools().get("gpu");
        assertEquals("nvidia-l4", pool.nodeSelector().get("cloud.google.com/gke-accelerator"));
        assertEquals(new Experiment.Toleration("nvidia.com/gpu", "Exists", null, "NoSchedule", null),
                pool.tolerations().get(0));
        assertEquals(2, pool.maxParallel());
        assertEquals("24Gi", pool.resources().limits().get("memory"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'encoder-trainer: {pool'|'trainer: {pool'|spec.resources.trainer",
        "'pool: gpu, gpus: 1'|'pool: GPU, gpus: 1'|spec.resources.encoder-trainer.pool",
        "'gpus: 1, cpu'|'gpus: -1, cpu'|spec.resources.encoder-trainer.gpus",
        "'cpu: 3500m'|'cpu: lots'|spec.resources.encoder-trainer.cpu",
        "'memory: 16Gi'|'memory: 16GB'|spec.resources.encoder-trainer.memory",
        "'maxParallel: 2'|'maxParallel: 0'|spec.pools.gpu.maxParallel",
        "'maxAttempts: 3'|'maxAttempts: 0'|spec.pools.gpu.maxAttempts",
        "'gpusPerTask: 1'|'gpusPerTask: -2'|spec.pools.gpu.gpusPerTask",
        "'operator: Exists'|'operator: Maybe'|spec.pools.gpu.tolerations[0].operator",
        "'effect: NoSchedule'|'effect: Never'|spec.pools.gpu.tolerations[0].effect",
        "'limits: {memory: 24Gi}'|'limits: {memory: much}'|spec.pools.gpu.resources.limits.memory",
        "'    gpu:'|'    Big_Pool:'|spec.pools.Big_Pool"})
    void invalidResourcesAndPoolsAreRefusedNamingTheField(String valid, String broken, String field)
            throws Exception {
        Path file = dir.resolve("x.yaml");
        String yaml = WITH_RESOURCES.replace(valid, broken);
        Files.writeString(file, yaml);
        var e = assertThrows(InvalidSpecException.class, () -> Experiment.read(file), yaml);
        assertEquals(field, e.field(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"quickstart", "encoder-mini", "caption-mini", "paper-mini", "paper"})
    void everyWorkflowIsValid(String name) throws Exception {
        Experiment experiment = Experiment.read(Path.of("../../workflows/" + name + ".yaml"));
        assertEquals(name, experiment.metadata().name());
        if (name.startsWith("paper")) {
            assertEquals(Experiment.PAPER_GRID, experiment.spec().captioner().grid());
        }
    }
}
