package dev.robucap.evaluator;

import dev.robucap.common.store.Manifest;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.Stage;
import dev.robucap.common.task.TaskContext;
import dev.robucap.common.task.TaskRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The evaluator service's one stage: {@code params.kind} picks the evaluation ({@code image-quality}: table 1;
 * {@code top1}: table 2). The kind is part of the parameters, so each evaluation has its own content key.
 */
public final class EvaluatorStage implements Stage {

    private final Map<String, Stage> kinds = new LinkedHashMap<>();

    public EvaluatorStage(Map<String, Stage> kinds) {
        this.kinds.putAll(kinds);
    }

    @Override
    public String name() {
        return ImageQualityStage.NAME;
    }

    /** Every kind's version: changing one evaluation's code re-runs that evaluation's tasks only via its kind. */
    @Override
    public String version() {
        return kinds.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue().version())
                .collect(Collectors.joining(","));
    }

    @Override
    public String outputKind() {
        return "metrics";
    }

    private Stage kind(TaskRequest task) {
        Stage stage = kinds.get(task.param("kind").asText(""));
        if (stage == null) {
            throw new InvalidTaskException("params.kind", "one of " + kinds.keySet() + " is required, got "
                    + task.param("kind"));
        }
        return stage;
    }

    @Override
    public void validate(TaskRequest task) {
        kind(task).validate(task);
    }

    @Override
    public Manifest run(TaskRequest task, TaskContext context) throws Exception {
        return kind(task).run(task, context);
    }
}
