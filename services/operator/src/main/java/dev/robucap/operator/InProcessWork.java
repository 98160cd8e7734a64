package dev.robucap.operator;

import dev.robucap.common.plan.Plan;
import dev.robucap.common.spec.Experiment;

/**
 * What the operator does itself rather than through a stage: the experiment's data sets made ready (synthetic ones
 * generated and uploaded, those in the bucket given their split selections) and its report written. Off the
 * reconciler's thread: each call says how the work named by {@code key} stands, and starts it if it is not known
 * (yet, or since the operator restarted: the work is idempotent, what is published stays published).
 */
public interface InProcessWork {

    enum State { RUNNING, SUCCEEDED, FAILED }

    /** {@code message}: the report's prefix once written; why, when failed. */
    record Outcome(State state, String message) {
    }

    Outcome prepareData(String key, Experiment experiment, String taskId);

    Outcome writeReport(String key, Experiment experiment, Plan plan);
}
