package dev.robucap.common.store;

/** An S3 operation failed; the message names the operation, the key and the S3 error code, never a secret. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
