package dev.robucap.common.events;

/** Kafka did not accept a record, or a topic could not be created; the message names the topic. */
public class EventException extends RuntimeException {

    public EventException(String message, Throwable cause) {
        super(message, cause);
    }
}
