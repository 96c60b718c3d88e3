package io.driftline.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes the predictions of Driftline's own learners to the predictions topic, keyed by model, in the
 * prediction contract with {@code "source":"driftline"}; they come back through the join like any model's.
 */
@ApplicationScoped
public class LearnerPredictions {
    public static final String SOURCE = "driftline";

    private final MutinyEmitter<byte[]> emitter;
    private final ObjectMapper mapper;

    LearnerPredictions(@Channel("learner-predictions-out") MutinyEmitter<byte[]> emitter, ObjectMapper mapper) {
        this.emitter = emitter;
        this.mapper = mapper;
    }

    Uni<Void> publish(List<LearnerRuntime.Prediction> predictions) {
        List<Uni<Void>> sends = new ArrayList<>(predictions.size());
        for (LearnerRuntime.Prediction p : predictions) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", p.id());
            json.put("model", p.model());
            json.put("prediction", p.label());
            json.put("scores", p.scores());
            json.put("source", SOURCE);
            try {
                sends.add(emitter.sendMessage(Message.of(mapper.writeValueAsBytes(json))
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(p.model()).build())));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }
}
