package dev.robucap.common.task;

/** A task request that cannot run as given; the message names the field. Answered with 400, never retried. */
public class InvalidTaskException extends IllegalArgumentException {

    public InvalidTaskException(String field, String problem) {
        super(field + ": " + problem);
    }
}
