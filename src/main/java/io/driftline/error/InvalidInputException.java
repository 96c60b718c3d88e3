package io.driftline.error;

import java.util.List;

/** Client input that is well-formed but wrong, with the field paths at fault; the API answers 400. */
public final class InvalidInputException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidInputException(String field, String message) {
        this(List.of(new Violation(field, message)));
    }

    public InvalidInputException(List<Violation> violations) {
        super(violations.isEmpty() ? "invalid input" : violations.get(0).field() + ": " + violations.get(0).message());
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** One wrong field: {@code field} is a dotted path into the request ({@code dataDrift.params.delta}) or a line. */
    public record Violation(String field, String message) {
    }
}
