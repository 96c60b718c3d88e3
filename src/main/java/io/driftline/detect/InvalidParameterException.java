package io.driftline.detect;

/** A detector or learner parameter that is missing its range or type; names the parameter for API errors. */
public final class InvalidParameterException extends IllegalArgumentException {
    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The parameter name as the user wrote it in {@code params}, e.g. {@code delta}. */
    public String parameter() {
        return parameter;
    }
}
