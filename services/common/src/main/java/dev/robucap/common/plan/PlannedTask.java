package dev.robucap.common.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * One task of an experiment's plan: {@code id} names it within the plan ({@code encoder/+2}), {@code label} for
 * people ({@code train encoder +2}); {@code stage} is a stage service's name, or {@link Plan#DATAGEN} for data that
 * the driver generates itself.
 */
public record PlannedTask(String id, String label, String stage, ObjectNode params, Map<String, Input> inputs) {

    public PlannedTask {
        inputs = Map.copyOf(inputs);
    }

    /** The tasks whose outputs this one reads, in a stable order. */
    public List<String> dependencies() {
        return inputs.values().stream().filter(Input.Output.class::isInstance).map(i -> ((Input.Output) i).task())
                .distinct().sorted().toList();
    }
}
