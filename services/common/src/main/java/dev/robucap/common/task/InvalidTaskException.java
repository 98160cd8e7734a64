package dev.robucap.common.task;

/** A task request that cannot run as given; the message names the field. Answered with 400, never retried. */
public class InvalidTaskException extends IllegalArgumentException {

    private final String problem;

    public InvalidTaskException(String field, String problem) {
        super(field + ": " + problem);
        this.problem = problem;
    }

    /** What is wrong, without the field's name. */
    public String problem() {
        return problem;
    }
}
