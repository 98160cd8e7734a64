package dev.robucap.common.store;

/** An object key or prefix that the store refuses; the message quotes it with control characters escaped. */
public class InvalidKeyException extends IllegalArgumentException {

    public InvalidKeyException(String key, String problem) {
        super("invalid key " + Keys.quote(key) + ": " + problem);
    }
}
