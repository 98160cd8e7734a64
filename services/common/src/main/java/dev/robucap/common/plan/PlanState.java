package dev.robucap.common.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each task of a plan stands, and what follows from it: which waiting tasks can start now (every task they
 * read from succeeded) and which never will (a task upstream failed, or was not run itself). Pure bookkeeping,
 * shared by the drivers: the local one and the operator differ in how they run a task, not in this.
 */
public final class PlanState {

    public enum State { WAITING, RUNNING, SUCCEEDED, FAILED, NOT_RUN }

    private final Plan plan;
    private final Map<String, State> states = new LinkedHashMap<>();

    /** Every task of the plan, in plan order, in its state from {@code known} or else waiting. */
    public PlanState(Plan plan, Map<String, State> known) {
        this.plan = plan;
        for (PlannedTask task : plan.tasks()) {
            states.put(task.id(), known.getOrDefault(task.id(), State.WAITING));
        }
    }

    public State state(String id) {
        State state = states.get(id);
        if (state == null) {
            throw new IllegalArgumentException("no task " + id + " in the plan");
        }
        return state;
    }

    public void set(String id, State state) {
        state(id);
        states.put(id, state);
    }

    /** Waiting tasks whose every upstream task succeeded, in plan order (each after the tasks it reads from). */
    public List<PlannedTask> ready() {
        List<PlannedTask> ready = new ArrayList<>();
        for (PlannedTask task : plan.tasks()) {
            if (states.get(task.id()) == State.WAITING
                    && task.dependencies().stream().allMatch(d -> states.get(d) == State.SUCCEEDED)) {
                ready.add(task);
            }
        }
        return ready;
    }

    /**
     * Marks {@link State#NOT_RUN} every waiting task with a failed or not-run task upstream; returns each such task
     * with the upstream task that stopped it. Plan order makes one pass enough: a task's inputs come before it.
     */
    public Map<String, String> markNotRun() {
        Map<String, String> stopped = new LinkedHashMap<>();
        for (PlannedTask task : plan.tasks()) {
            if (states.get(task.id()) != State.WAITING) {
                continue;
            }
            task.dependencies().stream()
                    .filter(d -> states.get(d) == State.FAILED || states.get(d) == State.NOT_RUN)
                    .findFirst()
                    .ifPresent(cause -> {
                        states.put(task.id(), State.NOT_RUN);
                        stopped.put(task.id(), cause);
                    });
        }
        return stopped;
    }

    /** Whether no task waits or runs any more. */
    public boolean finished() {
        return !states.containsValue(State.WAITING) && !states.containsValue(State.RUNNING);
    }

    public long count(State state) {
        return states.values().stream().filter(s -> s == state).count();
    }
}
