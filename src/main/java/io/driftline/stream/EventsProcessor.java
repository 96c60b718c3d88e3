package io.driftline.stream;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The consumer of the three input topics: parses each record, hands it to the {@link MonitorPipeline} in
 * Kafka order, dead-letters what cannot be parsed, and acknowledges the batch once every dead letter, drift
 * event and learner prediction it produced is on the broker. It holds no algorithm: detectors, learners and
 * the join live behind the pipeline.
 */
@ApplicationScoped
public class EventsProcessor {

    private final TopicsConfig topics;
    private final MonitorPipeline pipeline;
    private final DeadLetters deadLetters;

    EventsProcessor(TopicsConfig topics, MonitorPipeline pipeline, DeadLetters deadLetters) {
        this.topics = topics;
        this.pipeline = pipeline;
        this.deadLetters = deadLetters;
    }

    @Incoming("events-in")
    public Uni<Void> consume(KafkaRecordBatch<byte[], byte[]> batch) {
        List<Uni<Void>> pending = null;
        synchronized (pipeline.lock()) {
            for (KafkaRecord<byte[], byte[]> record : batch.getRecords()) {
            InputStream stream = topics.streamOf(record.getTopic());
            try {
                switch (stream) {
                    case FEATURES -> pipeline.onFeatures(EventParser.parseFeatures(record.getPayload()));
                    case PREDICTIONS -> pipeline.onPrediction(EventParser.parsePrediction(record.getPayload()));
                    case FEEDBACK -> pipeline.onFeedback(EventParser.parseFeedback(record.getPayload()));
                }
            } catch (InvalidRecordException e) {
                if (pending == null) {
                    pending = new ArrayList<>();
                }
                pending.add(deadLetters.send(stream.label(), record, e));
            }
        }
        }
        Uni<Void> written = pending == null ? Uni.createFrom().voidItem() : Uni.join().all(pending).andFailFast().replaceWithVoid();
        // The next batch does not wait for the broker to confirm this one's drift events and dead letters: the
        // batch is acked when they are written, and the throttled commit strategy commits only offsets whose
        // records are all acked, so nothing is lost and the consumer never idles on a round trip.
        written.flatMap(v -> pipeline.flush()).subscribe().with(
                v -> batch.ack(),
                failure -> batch.nack(failure));
        return Uni.createFrom().voidItem();
    }
}
