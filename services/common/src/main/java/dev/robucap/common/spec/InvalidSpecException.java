package dev.robucap.common.spec;

/** An experiment spec that cannot run; the message starts with the field at fault. */
public class InvalidSpecException extends IllegalArgumentException {

    private final String field;

    public InvalidSpecException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
