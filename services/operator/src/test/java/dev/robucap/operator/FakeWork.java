package dev.robucap.operator;

import dev.robucap.common.plan.Plan;
import dev.robucap.common.spec.Experiment;
import java.util.LinkedHashMap;
import java.util.Map;

/** The operator's own work, in memory: data is prepared when a test says so; reports are written at once. */
final class FakeWork implements InProcessWork {

    final Map<String, Outcome> data = new LinkedHashMap<>();
    final Map<String, Outcome> reports = new LinkedHashMap<>();
    String reportFailure;

    @Override
    public Outcome prepareData(String key, Experiment experiment, String taskId) {
        return data.computeIfAbsent(key, k -> new Outcome(State.RUNNING, null));
    }

    @Override
    public Outcome writeReport(String key, Experiment experiment, Plan plan) {
        return reports.computeIfAbsent(key, k -> reportFailure == null ? new Outcome(State.SUCCEEDED, key)
                : new Outcome(State.FAILED, reportFailure));
    }

    /** Every data set asked for so far is ready (or, with a reason, could not be made). */
    void finishData(String failure) {
        data.replaceAll((key, outcome) -> failure == null ? new Outcome(State.SUCCEEDED, null)
                : new Outcome(State.FAILED, failure));
    }
}
