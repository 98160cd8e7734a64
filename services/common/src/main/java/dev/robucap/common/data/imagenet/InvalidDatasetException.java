package dev.robucap.common.data.imagenet;

/** A data set that cannot be used as it is; the message says what is wrong and where. */
public class InvalidDatasetException extends RuntimeException {

    public InvalidDatasetException(String message) {
        super(message);
    }
}
