package io.driftline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.driftline.error.InvalidInputException.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** An RFC 7807 problem document, the body of every error answer ({@code application/problem+json}). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }

    public Problem withViolations(List<Violation> list) {
        return new Problem(type, title, status, detail, instance, list);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, violations);
    }
}
