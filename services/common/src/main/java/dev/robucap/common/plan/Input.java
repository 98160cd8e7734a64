package dev.robucap.common.plan;

/** An input of a planned task: an artifact already named, or (a key under) the output of another planned task. */
public sealed interface Input {

    /** A fixed S3 prefix or key. */
    record Fixed(String key) implements Input {
    }

    /** The output prefix of task {@code task}, followed by {@code suffix} ("" for the prefix itself). */
    record Output(String task, String suffix) implements Input {
    }

    static Input output(String task) {
        return new Output(task, "");
    }
}
