package io.driftline.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.driftline.detect.InvalidParameterException;
import io.driftline.error.ConflictException;
import io.driftline.error.InvalidInputException;
import io.driftline.error.InvalidInputException.Violation;
import io.driftline.error.NotFoundException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.smallrye.mutiny.CompositeException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns failures into RFC 7807 {@code application/problem+json}: client errors name the
 * field or line at fault, server errors never leak internals.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        return respond(Problem.of(400, "Invalid request", e.getMessage()).withViolations(e.violations()), uri);
    }

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
        return respond(Problem.of(400, "Invalid parameter", e.getMessage())
                .withViolations(List.of(new Violation("params." + e.parameter(), e.getMessage()))), uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            violations.add(new Violation(fieldPath(v.getPropertyPath()), v.getMessage()));
        }
        violations.sort(Comparator.comparing(Violation::field));
        String detail = violations.isEmpty() ? "validation failed" : violations.get(0).field() + ": " + violations.get(0).message();
        return respond(Problem.of(400, "Constraint violation", detail).withViolations(violations), uri);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, UriInfo uri) {
        return respond(Problem.of(404, "Not found", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e, UriInfo uri) {
        return respond(Problem.of(409, "Conflict", e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unrecognizedProperty(UnrecognizedPropertyException e, UriInfo uri) {
        String field = jsonPath(e);
        return respond(Problem.of(400, "Unknown field", "unknown field '" + e.getPropertyName() + "'")
                .withViolations(List.of(new Violation(field, "unknown field"))), uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        String detail = field.isEmpty() ? "the request body does not have the expected shape" : field + " has the wrong type or shape";
        return respond(Problem.of(400, "Invalid JSON value", detail)
                .withViolations(List.of(new Violation(field.isEmpty() ? "body" : field, originalMessage(e)))), uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        var location = e.getLocation();
        String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return respond(Problem.of(400, "Malformed JSON", "the request body is not valid JSON" + where), uri);
    }

    @ServerExceptionMapper
    public Response jsonProcessing(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.of(400, "Malformed JSON", originalMessage(e)), uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "Forbidden", "the token does not hold the role this operation needs"), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "HTTP " + status : Response.Status.fromStatusCode(status).getReasonPhrase();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return respond(Problem.of(status, title, status >= 500 ? "internal error" : e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response composite(CompositeException e, UriInfo uri) {
        Throwable cause = e.getCauses().isEmpty() ? e : e.getCauses().get(0);
        return unexpected(cause, uri);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        Throwable cause = e;
        while ((cause instanceof CompositeException || cause instanceof java.util.concurrent.CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidInputException i) {
            return invalidInput(i, uri);
        } else if (cause instanceof InvalidParameterException i) {
            return invalidParameter(i, uri);
        } else if (cause instanceof NotFoundException n) {
            return notFound(n, uri);
        } else if (cause instanceof ConflictException c) {
            return conflict(c, uri);
        } else if (cause instanceof WebApplicationException w) {
            return webApplication(w, uri);
        } else if (cause instanceof ConstraintViolationException c) {
            return constraintViolation(c, uri);
        }
        LOG.error("request failed", cause);
        return respond(Problem.of(500, "Internal error", "the server could not complete the request; see the service log"), uri);
    }

    private Response unauthenticated(UriInfo uri) {
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer realm=\"driftline\"")
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, "Unauthorized", "a valid bearer token is required").withInstance(path(uri)))
                .build();
    }

    static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem.withInstance(path(uri))).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    /** {@code create.spec.features[0].name} → {@code features[0].name}: drop the method and parameter nodes. */
    static String fieldPath(Path path) {
        StringBuilder sb = new StringBuilder();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.PARAMETER || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            // Hibernate Validator puts a container element's index on the node that follows the container.
            if (node.getIndex() != null && sb.length() > 0) {
                sb.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null && sb.length() > 0) {
                sb.append('[').append(node.getKey()).append(']');
            }
            if (node.getName() == null || node.getName().startsWith("<")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(node.getName());
        }
        return sb.length() == 0 ? "body" : sb.toString();
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (sb.length() > 0) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String originalMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        return m == null ? "invalid JSON" : m.split("\n")[0];
    }
}
