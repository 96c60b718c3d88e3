package io.driftline.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftline.detect.DetectionEvents;
import io.driftline.detect.DetectorState;
import io.driftline.detect.DetectorType;
import io.driftline.detect.DriftDetector;
import io.driftline.detect.InvalidParameterException;
import io.driftline.error.InvalidInputException;
import io.driftline.error.InvalidInputException.Violation;
import io.driftline.learn.Attribute;
import io.driftline.learn.CsvInstances;
import io.driftline.learn.LearnerType;
import io.driftline.learn.OnlineLearner;
import io.driftline.learn.PrequentialEvaluator;
import io.driftline.learn.Votes;
import io.driftline.monitor.MonitorSpec;
import io.driftline.monitor.MonitorSpec.DetectorConfig;
import io.driftline.monitor.MonitorSpec.FeatureSpec;
import io.driftline.monitor.MonitorValidator;
import io.driftline.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

/**
 * Backtests ({@code /api/v1/backtests}): a detector over posted values, a learner prequentially over posted CSV
 * rows. Both run the algorithm core on a worker thread and keep nothing; they need role viewer.
 */
@Path("/api/v1/backtests")
@Produces(MediaType.APPLICATION_JSON)
public class BacktestResource {
    // One OpenAPI operation documents both bodies (JSON and text/plain), so both methods share these.
    static final String DETECTORS_SUMMARY = "Run a drift detector over posted values";
    static final String DETECTORS_DESCRIPTION = "Feeds the values in order to a fresh detector and answers every drift and "
            + "warning by its 0-based index, with the detector's estimate after that value. A warning zone runs from the value "
            + "that raised warning_on to the value that raised warning_off (the first value out of the zone, also the value "
            + "of a drift that ends it); a zone still open after the last value has no 'to'. The body is read as a stream, "
            + "so millions of values fit in one request. application/json: {\"detector\":{\"type\":\"ADWIN\",\"params\":{}},"
            + "\"values\":[…]}; send \"detector\" before \"values\" (at most " + BacktestValues.MAX_BUFFERED + " values may "
            + "precede it). text/plain: one number per line (blank lines skipped), the query parameter 'type' names the "
            + "detector and every other query parameter is one of its params (?type=ADWIN&delta=0.01). Errors (400) name "
            + "the field: detector.type, detector.params.<name> (for query parameters too), values[i] for JSON, "
            + "'line N' (1-based) for text.";
    private static final Pattern LINE = Pattern.compile("^(line \\d+): (.*)$", Pattern.DOTALL);

    private final ObjectMapper mapper;

    BacktestResource(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @POST
    @Path("/detectors")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIEWER)
    @Blocking
    @Operation(summary = DETECTORS_SUMMARY, description = DETECTORS_DESCRIPTION)
    @RequestBody(required = true, description = "the detector config and the values (JSON), or one value per line (text)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DetectorBacktestRequest.class)))
    public DetectorBacktestResponse detectors(InputStream body) throws IOException {
        DetectorRun[] run = new DetectorRun[1];
        long count = BacktestValues.readJson(mapper, body, config -> run[0] = new DetectorRun(detector(config)));
        return finish(run[0], count, "values");
    }

    @POST
    @Path("/detectors")
    @Consumes(MediaType.TEXT_PLAIN)
    @RolesAllowed(Roles.VIEWER)
    @Blocking
    @Operation(summary = DETECTORS_SUMMARY, description = DETECTORS_DESCRIPTION)
    @RequestBody(required = true, description = "the detector config and the values (JSON), or one value per line (text)",
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    public DetectorBacktestResponse detectorsFromLines(@Context UriInfo uri, InputStream body) throws IOException {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        String type = null;
        Map<String, Object> params = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String field = e.getKey().equals("type") ? "detector.type" : "detector.params." + e.getKey();
            if (e.getValue().size() != 1) {
                throw new InvalidInputException(field, "must be given once as a query parameter");
            }
            if (e.getKey().equals("type")) {
                type = e.getValue().get(0);
            } else {
                params.put(e.getKey(), e.getValue().get(0));
            }
        }
        if (type == null || type.isBlank()) {
            throw new InvalidInputException("detector.type", "is required (query parameter 'type')");
        }
        DetectorRun run = new DetectorRun(detector(new DetectorConfig(type, params)));
        long count = BacktestValues.readLines(body, run);
        return finish(run, count, "body");
    }

    @POST
    @Path("/learners")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIEWER)
    @Blocking
    @Operation(summary = "Run an online learner prequentially over posted CSV rows",
            description = "Test-then-train over the rows in order: each row is predicted, scored, then learned. Answers "
                    + "accuracy and kappa as MOA computes them, the accuracy of each block of 'window' rows (default 1000) "
                    + "and, with predictions=true, the predicted label of every row. The target defaults to the last "
                    + "column. CSV errors name the line (1-based, the header being line 1); others name the field: "
                    + "learner.type, learner.params.<name>, target, columns[i].")
    public LearnerBacktestResponse learners(@NotNull(message = "a learner backtest is required") @Valid LearnerBacktestRequest request) {
        LearnerType type = learnerType(request.learner().type());
        io.driftline.learn.Schema schema = request.columns() == null ? null : schemaOf(request.columns(), request.target());
        CsvInstances data = parseCsv(request.csv(), request.target(), schema);
        if (!data.schema().isClassification()) {
            // An inferred target of class numbers ("0"/"1") is still a class column.
            data = parseCsv(request.csv(), null, asClassification(data.schema()));
        }
        if (data.size() == 0) {
            throw new InvalidInputException("line 2", "the CSV has a header but no rows");
        }
        OnlineLearner learner;
        try {
            learner = type.create(data.schema(), request.learner().params());
        } catch (InvalidParameterException e) {
            throw new InvalidInputException("learner.params." + e.parameter(), e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw new InvalidInputException("learner.type", type + " is not available in this version");
        }

        int window = request.windowOrDefault();
        PrequentialEvaluator evaluator = new PrequentialEvaluator(window, 1);
        Attribute target = data.schema().target();
        List<String> predictions = request.predictionsOrDefault() ? new ArrayList<>(data.size()) : null;
        double[] targets = data.targets();
        for (int i = 0; i < data.size(); i++) {
            double[] x = data.rows().get(i);
            double[] votes = learner.predict(x);
            int predicted;
            if (Double.isNaN(targets[i])) {
                predicted = Votes.argmax(votes);
            } else {
                predicted = evaluator.addClassification((int) targets[i], votes);
                learner.learn(x, targets[i]);
            }
            if (predictions != null) {
                predictions.add(predicted < target.numValues() ? target.value(predicted) : null);
            }
        }
        double[] blocks = evaluator.windowAccuracies();
        List<LearnerBacktestResponse.Window> windows = new ArrayList<>(blocks.length);
        for (int b = 0; b < blocks.length; b++) {
            windows.add(new LearnerBacktestResponse.Window((long) (b + 1) * window, blocks[b]));
        }
        return new LearnerBacktestResponse(evaluator.instances(), finite(evaluator.accuracy()), finite(evaluator.kappa()), windows, predictions);
    }

    private static DriftDetector detector(DetectorConfig config) {
        DetectorType type = MonitorValidator.detectorType("detector", config.type());
        try {
            return type.create(config.params());
        } catch (InvalidParameterException e) {
            throw new InvalidInputException("detector.params." + e.parameter(), e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw new InvalidInputException("detector.type", type + " is not available in this version");
        }
    }

    private static DetectorBacktestResponse finish(DetectorRun run, long count, String field) {
        if (count == 0) {
            throw new InvalidInputException(field, "holds no values; a backtest needs at least one");
        }
        return run.response();
    }

    private static LearnerType learnerType(String type) {
        try {
            return LearnerType.valueOf(type.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("learner.type", "unknown type '" + type + "'; one of "
                    + String.join(", ", Arrays.stream(LearnerType.values()).map(Enum::name).toList()));
        }
    }

    /** The schema of declared columns: the target is the column named {@code target}, or the last one. */
    private static io.driftline.learn.Schema schemaOf(List<FeatureSpec> columns, String targetName) {
        if (columns.isEmpty()) {
            throw new InvalidInputException("columns", "must list every CSV column when given");
        }
        List<Violation> violations = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int targetIndex = targetName == null ? columns.size() - 1 : -1;
        for (int i = 0; i < columns.size(); i++) {
            FeatureSpec c = columns.get(i);
            if (!names.add(c.name())) {
                violations.add(new Violation("columns[" + i + "].name", "duplicate column '" + c.name() + "'"));
            }
            if (c.categories() != null && c.type() == MonitorSpec.FeatureType.NUMERIC) {
                violations.add(new Violation("columns[" + i + "].categories", "only CATEGORICAL columns have categories"));
            }
            if (c.name().equals(targetName)) {
                targetIndex = i;
            }
        }
        if (targetIndex < 0) {
            violations.add(new Violation("target", "no column named '" + targetName + "' in columns"));
        } else if (columns.get(targetIndex).type() != MonitorSpec.FeatureType.CATEGORICAL) {
            violations.add(new Violation(targetName == null ? "columns[" + targetIndex + "].type" : "target",
                    "the target must be a CATEGORICAL column (the class)"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        List<Attribute> inputs = new ArrayList<>();
        Attribute target = null;
        for (int i = 0; i < columns.size(); i++) {
            FeatureSpec c = columns.get(i);
            Attribute a = c.type() == MonitorSpec.FeatureType.NUMERIC ? Attribute.numeric(c.name())
                    : Attribute.nominal(c.name(), c.categories() == null ? List.of() : c.categories());
            if (i == targetIndex) {
                target = a;
            } else {
                inputs.add(a);
            }
        }
        return new io.driftline.learn.Schema(inputs, target);
    }

    private static io.driftline.learn.Schema asClassification(io.driftline.learn.Schema inferred) {
        return new io.driftline.learn.Schema(inferred.inputs(), Attribute.nominal(inferred.target().name(), List.of()));
    }

    private static CsvInstances parseCsv(String csv, String target, io.driftline.learn.Schema schema) {
        try {
            return CsvInstances.parse(csv, target, schema);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage() == null ? "invalid CSV" : e.getMessage();
            Matcher m = LINE.matcher(message);
            throw m.matches() ? new InvalidInputException(m.group(1), m.group(2)) : new InvalidInputException("csv", message);
        }
    }

    private static Double finite(double x) {
        return Double.isFinite(x) ? x : null;
    }

    /** One detector fed value by value, collecting its events as {@link DetectionEvents} reports them. */
    private static final class DetectorRun implements DoubleConsumer {
        private final DriftDetector detector;
        private final DetectionEvents tracker = new DetectionEvents();
        private final List<Long> drifts = new ArrayList<>();
        private final List<DetectorBacktestResponse.WarningZone> warnings = new ArrayList<>();
        private final List<DetectorBacktestResponse.Event> events = new ArrayList<>();
        private long index;
        private long openFrom = -1;

        DetectorRun(DriftDetector detector) {
            this.detector = detector;
        }

        @Override
        public void accept(double x) {
            int flags = tracker.next(detector.update(x));
            if (flags != DetectionEvents.NONE) {
                Double estimate = finite(detector.estimate());
                if ((flags & DetectionEvents.WARNING_OFF) != 0) {
                    events.add(new DetectorBacktestResponse.Event("warning_off", index, estimate));
                    warnings.add(new DetectorBacktestResponse.WarningZone(openFrom, index));
                    openFrom = -1;
                }
                if ((flags & DetectionEvents.WARNING_ON) != 0) {
                    events.add(new DetectorBacktestResponse.Event("warning_on", index, estimate));
                    openFrom = index;
                }
                if ((flags & DetectionEvents.DRIFT) != 0) {
                    events.add(new DetectorBacktestResponse.Event("drift", index, estimate));
                    drifts.add(index);
                }
            }
            index++;
        }

        DetectorBacktestResponse response() {
            List<DetectorBacktestResponse.WarningZone> zones = warnings;
            if (openFrom >= 0) {
                zones = new ArrayList<>(warnings);
                zones.add(new DetectorBacktestResponse.WarningZone(openFrom, null));
            }
            return new DetectorBacktestResponse(index, drifts, zones, events);
        }
    }
}
