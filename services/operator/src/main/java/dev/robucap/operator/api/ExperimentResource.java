package dev.robucap.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.robucap.common.spec.Experiment;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.SchemaSwap;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The {@code Experiment} custom resource: its spec is the workflow file's ({@link Experiment.Spec}, so
 * {@code kubectl apply -f workflows/quickstart.yaml} works), its status says how the plan's tasks are doing.
 * {@code grid} is {@code paper} or a list, which no structural schema type can say: the CRD keeps it as is and
 * the operator validates it.
 */
@Group("robucap.dev")
@Version("v1alpha1")
@Kind("Experiment")
@Plural("experiments")
@ShortNames("exp")
@SchemaSwap(originalType = Experiment.Captioner.class, fieldName = "grid", targetType = JsonNode.class)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Done", jsonPath = ".status.done", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Total", jsonPath = ".status.total", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Current", jsonPath = ".status.current", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public class ExperimentResource extends CustomResource<Experiment.Spec, ExperimentStatus> implements Namespaced {

    /** The workflow record the shared validation and planner take. */
    public Experiment toExperiment() {
        return new Experiment(getApiVersion(), getKind(), new Experiment.Metadata(getMetadata().getName()), getSpec());
    }
}
