package dev.robucap.operator;

import dev.robucap.operator.api.ExperimentResource;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Plans an experiment's tasks, starts the ready ones, reports progress ({@link ExperimentDriver} does the work).
 * A change of one of its Jobs wakes it up (owner references map the Job to its experiment).
 */
@ControllerConfiguration(name = "experiment")
public class ExperimentReconciler implements Reconciler<ExperimentResource>, Cleaner<ExperimentResource> {

    @Inject
    ExperimentDriver driver;

    @Override
    public UpdateControl<ExperimentResource> reconcile(ExperimentResource experiment,
                                                       Context<ExperimentResource> context) {
        ExperimentDriver.Outcome outcome = driver.reconcile(experiment);
        experiment.setStatus(outcome.status());
        UpdateControl<ExperimentResource> control = UpdateControl.patchStatus(experiment);
        return outcome.recheck() == null ? control : control.rescheduleAfter(outcome.recheck());
    }

    @Override
    public ErrorStatusUpdateControl<ExperimentResource> updateErrorStatus(ExperimentResource experiment,
                                                                          Context<ExperimentResource> context,
                                                                          Exception e) {
        experiment.setStatus(driver.failed(experiment, e));
        return ErrorStatusUpdateControl.patchStatus(experiment);
    }

    @Override
    public List<EventSource<?, ExperimentResource>> prepareEventSources(
            EventSourceContext<ExperimentResource> context) {
        var jobs = InformerEventSourceConfiguration.from(Job.class, ExperimentResource.class)
                .withLabelSelector(JobFactory.EXPERIMENT).build();
        return List.of(new InformerEventSource<>(jobs, context));
    }

    @Override
    public DeleteControl cleanup(ExperimentResource experiment, Context<ExperimentResource> context) {
        driver.cleanup(experiment);
        return DeleteControl.defaultDelete();
    }
}
