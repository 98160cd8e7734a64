package dev.robucap.common.events;

/** A record that no handler can use: the message is the reason written to the dead-letter topic. */
class MalformedRecordException extends Exception {

    MalformedRecordException(String reason) {
        super(reason);
    }
}
