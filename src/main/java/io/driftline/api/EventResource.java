package io.driftline.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftline.error.InvalidInputException;
import io.driftline.error.InvalidInputException.Violation;
import io.driftline.security.Roles;
import io.driftline.stream.EventParser;
import io.driftline.stream.InputStream;
import io.driftline.stream.InvalidRecordException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Ingestion over HTTP for clients without a Kafka client: the same JSON as the topics, one object or an
 * array, validated as a whole (nothing is written if one element is bad) and written keyed by model.
 */
@Path("/api/v1/events")
public class EventResource {
    static final int MAX_EVENTS_PER_REQUEST = 10_000;

    private final ObjectMapper mapper;
    private final MutinyEmitter<byte[]> features;
    private final MutinyEmitter<byte[]> predictions;
    private final MutinyEmitter<byte[]> feedback;

    EventResource(ObjectMapper mapper,
            @Channel("features-out") MutinyEmitter<byte[]> features,
            @Channel("predictions-out") MutinyEmitter<byte[]> predictions,
            @Channel("feedback-out") MutinyEmitter<byte[]> feedback) {
        this.mapper = mapper;
        this.features = features;
        this.predictions = predictions;
        this.feedback = feedback;
    }

    @RegisterForReflection
    public record Accepted(String stream, int accepted) {
    }

    @POST
    @Path("/{stream}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    public Uni<RestResponse<Accepted>> ingest(@PathParam("stream") String streamName, byte[] body) throws IOException {
        InputStream stream = parseStream(streamName);
        JsonNode root = mapper.readTree(body);
        if (root == null || !(root.isObject() || root.isArray())) {
            throw new InvalidInputException("body", "must be one event object or an array of them");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(nodes::add);
        } else {
            nodes.add(root);
        }
        if (nodes.isEmpty() || nodes.size() > MAX_EVENTS_PER_REQUEST) {
            throw new InvalidInputException("body", "must hold 1 to " + MAX_EVENTS_PER_REQUEST + " events, held " + nodes.size());
        }
        List<Message<byte[]>> messages = new ArrayList<>(nodes.size());
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            byte[] json = mapper.writeValueAsBytes(nodes.get(i));
            String field = root.isArray() ? "[" + i + "]" : "body";
            try {
                String model = EventParser.parse(stream, json).model();
                messages.add(Message.of(json).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(model).build()));
            } catch (InvalidRecordException e) {
                violations.add(new Violation(field, e.getMessage()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        MutinyEmitter<byte[]> emitter = switch (stream) {
            case FEATURES -> features;
            case PREDICTIONS -> predictions;
            case FEEDBACK -> feedback;
        };
        List<Uni<Void>> sends = messages.stream().map(emitter::sendMessage).toList();
        return Uni.join().all(sends).andFailFast()
                .map(done -> RestResponse.accepted(new Accepted(stream.label(), messages.size())));
    }

    private static InputStream parseStream(String name) {
        try {
            return InputStream.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new jakarta.ws.rs.NotFoundException("unknown stream '" + name + "'; one of features, predictions, feedback");
        }
    }
}
