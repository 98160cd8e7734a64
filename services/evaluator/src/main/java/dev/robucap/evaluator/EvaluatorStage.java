package dev.robucap.evaluator;

import dev.robucap.common.store.Manifest;
import dev.robucap.common.task.InvalidTaskException;
import dev.robucap.common.task.Stage;
import dev.robucap.common.task.TaskContext;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.common.jpeg.DecodeLimits;
import java.util.TreeMap;
import java.util.Map;

/**
 * The evaluator service's one stage: {@code params.kind} picks the evaluation ({@code image-quality}: table 1;
 * {@code top1}: table 2; {@code bleu}: table 3). The kind is part of the parameters, so each evaluation has its own
 * content key.
 */
public final class EvaluatorStage implements Stage {

    public static final String NAME = "evaluator";

    private final Map<String, Evaluation> kinds = new TreeMap<>();

    public EvaluatorStage(Map<String, Evaluation> kinds) {
        this.kinds.putAll(kinds);
    }

    /** The evaluator with every evaluation it knows. */
    public static EvaluatorStage of(int threads, DecodeLimits limits) {
        return new EvaluatorStage(Map.of(ImageQualityEvaluation.KIND, new ImageQualityEvaluation(threads, limits),
                Top1Evaluation.KIND, new Top1Evaluation(threads, limits),
                CaptionEvaluation.KIND, new CaptionEvaluation(threads, limits)));
    }

    @Override
    public String name() {
        return NAME;
    }

    private Evaluation kind(TaskRequest task) {
        Evaluation evaluation = kinds.get(task.param("kind").asText(""));
        if (evaluation == null) {
            throw new InvalidTaskException("params.kind", "one of " + kinds.keySet() + " is required, got "
                    + task.param("kind"));
        }
        return evaluation;
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
