package io.driftline.stream;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The consumer of the three input topics: hands each record, parsed on the poll thread by
 * {@link InputEventDeserializer}, to the {@link MonitorPipeline} in Kafka order, dead-letters what could not be
 * parsed, and acknowledges the batch once every dead letter, drift event and learner prediction it produced is on
 * the broker. It holds no algorithm: detectors, learners and
 * the join live behind the pipeline.
 */
@ApplicationScoped
public class EventsProcessor {

    private final MonitorPipeline pipeline;
    private final DeadLetters deadLetters;
    private final Checkpoints checkpoints;
    private final JoinFlowControl joinFlow;

    EventsProcessor(MonitorPipeline pipeline, DeadLetters deadLetters, Checkpoints checkpoints, JoinFlowControl joinFlow) {
        this.pipeline = pipeline;
        this.deadLetters = deadLetters;
        this.checkpoints = checkpoints;
        this.joinFlow = joinFlow;
    }

    @Incoming("events-in")
    public Uni<Void> consume(KafkaRecordBatch<byte[], ParsedInput> batch) {
        List<Uni<Void>> pending = null;
        List<PartitionCheckpoint> due;
        synchronized (pipeline.lock()) {
            if (pipeline.stopped()) {
                return Uni.createFrom().voidItem(); // shutting down: the next owner processes these from the checkpoint
            }
            for (KafkaRecord<byte[], ParsedInput> record : batch.getRecords()) {
                ParsedInput input = record.getPayload();
                IncomingKafkaRecord<byte[], ParsedInput> in = (IncomingKafkaRecord<byte[], ParsedInput>) record;
                if (!pipeline.admit(in.getTopic(), in.getPartition(), in.getOffset(), input.event() == null ? null : input.event().model())) {
                    continue;
                }
                if (input.error() != null) {
                    if (pending == null) {
                        pending = new ArrayList<>();
                    }
                    pending.add(deadLetters.send(record, input));
                    continue;
                }
                switch (input.stream()) {
                    case FEATURES -> pipeline.onFeatures((FeatureEvent) input.event());
                    case PREDICTIONS -> pipeline.onPrediction((PredictionEvent) input.event());
                    case FEEDBACK -> pipeline.onFeedback((FeedbackEvent) input.event());
                }
            }
            pipeline.flushRecordCounts();
            due = checkpoints.due() ? pipeline.checkpoints(false) : null;
            joinFlow.check();
        }
        Uni<Void> written = pending == null ? Uni.createFrom().voidItem() : Uni.join().all(pending).andFailFast().replaceWithVoid();
        // The next batch does not wait for the broker to confirm this one's drift events and dead letters: the
        // batch is acked when they are written, and the throttled commit strategy commits only offsets whose
        // records are all acked, so nothing is lost and the consumer never idles on a round trip.
        // A checkpoint is written once the drift events of the records it covers are on the broker.
        written.flatMap(v -> pipeline.flush()).call(() -> checkpoints.save(due)).subscribe().with(
                v -> batch.ack(),
                failure -> batch.nack(failure));
        return Uni.createFrom().voidItem();
    }
}
