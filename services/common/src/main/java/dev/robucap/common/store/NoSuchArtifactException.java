package dev.robucap.common.store;

/** The object asked for does not exist. */
public class NoSuchArtifactException extends StoreException {

    public NoSuchArtifactException(String key) {
        super("no such artifact: " + Keys.quote(key));
    }
}
