package dev.robucap.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.robucap.common.spec.Experiment;
import dev.robucap.operator.api.ExperimentResource;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The CRD the Helm chart installs ({@code helm/robucap/crds/}) is the one generated from the classes, and workflow
 * files apply as Experiment resources.
 */
class CrdTest {

    static final Path COMMITTED = Path.of("../../helm/robucap/crds/experiments.robucap.dev-v1.yml");

    private static Path generate() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/crd-check"));
        new CRDGenerator().customResourceClasses(ExperimentResource.class).forCRDVersions("v1")
                .inOutputDir(dir.toFile()).generate();
        return dir.resolve("experiments.robucap.dev-v1.yml");
    }

    @Test
    void theCommittedCrdIsTheGeneratedOne() throws Exception {
        Path generated = generate();
        assertTrue(Files.exists(COMMITTED), "no " + COMMITTED);
        assertEquals(Files.readString(generated), Files.readString(COMMITTED),
                "the CRD changed with the classes: cp services/operator/" + generated + " helm/robucap/crds/");
    }

    /** The operator SDK writes the CRD into target/kubernetes when Quarkus builds (also for a Quarkus test). */
    @Test
    void theOperatorSdkGeneratesTheSameCrd() throws Exception {
        Path built = Path.of("target/kubernetes/experiments.robucap.dev-v1.yml");
        Assumptions.assumeTrue(Files.exists(built), "no Quarkus build in target/ yet");
        assertEquals(Files.readString(built), Files.readString(COMMITTED),
                "cp services/operator/" + built + " helm/robucap/crds/");
    }

    @Test
    void theCrdHasAStatusSubresourcePrinterColumnsAndFreeFormFields() throws Exception {
        CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(COMMITTED),
                CustomResourceDefinition.class);
        assertEquals("experiments.robucap.dev", crd.getMetadata().getName());
        var version = crd.getSpec().getVersions().get(0);
        assertEquals("v1alpha1", version.getName());
        assertEquals("Experiment", crd.getSpec().getNames().getKind());
        assertNotNull(version.getSubresources().getStatus(), "without it an update overwrites the status");
        // the generator sorts the columns by name
        assertEquals(java.util.List.of("Age", "Current", "Done", "Phase", "Total"),
                version.getAdditionalPrinterColumns().stream().map(c -> c.getName()).toList());
        JSONSchemaProps spec = version.getSchema().getOpenAPIV3Schema().getProperties().get("spec");
        assertTrue(spec.getProperties().get("captioner").getProperties().get("grid").getXKubernetesPreserveUnknownFields(),
                "grid: paper or a list");
        assertTrue(spec.getProperties().get("encoder").getProperties().get("hyper").getXKubernetesPreserveUnknownFields());
        assertTrue(spec.getProperties().get("data").getProperties().get("synthetic")
                .getXKubernetesPreserveUnknownFields());
        assertNotNull(spec.getProperties().get("resources").getAdditionalProperties().getSchema().getProperties()
                .get("gpus"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"quickstart", "paper"})
    void workflowFilesApplyAsExperimentResources(String name) throws Exception {
        ExperimentResource resource = Serialization.unmarshal(Files.readString(Path.of("../../workflows/" + name
                + ".yaml")), ExperimentResource.class);
        resource.toExperiment().validate();
        assertEquals(name, resource.getMetadata().getName());
        if (name.equals("paper")) {
            assertEquals(Experiment.PAPER_GRID, resource.getSpec().captioner().grid());
        }
    }
}
