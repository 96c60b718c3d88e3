package io.driftline.stream;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The consumer of the three input topics: parses each record ({@link ParsedInput}) and hands it to the
 * {@link MonitorPipeline} in Kafka order (a batch carries one message per partition, {@link PolledPartition}),
 * dead-letters what could not be parsed, and acknowledges the batch once every dead letter, drift event and learner
 * prediction it produced is on the broker. It holds no algorithm: detectors, learners and the join live behind the
 * pipeline.
 */
@ApplicationScoped
public class EventsProcessor {

    private final MonitorPipeline pipeline;
    private final DeadLetters deadLetters;
    private final Checkpoints checkpoints;
    private final JoinFlowControl joinFlow;
    private final TopicsConfig topics;
    private final PollThreadParseShare parseShare;
    /** The event loop's parser scratch; used under the pipeline's lock. */
    private final EventParser.Scratch parserScratch = new EventParser.Scratch();

    EventsProcessor(MonitorPipeline pipeline, DeadLetters deadLetters, Checkpoints checkpoints, JoinFlowControl joinFlow,
            TopicsConfig topics, PollThreadParseShare parseShare,
            @ConfigProperty(name = "mp.messaging.incoming.events-in.interceptor.classes", defaultValue = "") String interceptors) {
        if (!interceptors.contains(PolledPartitionInterceptor.class.getName())) {
            throw new IllegalStateException("mp.messaging.incoming.events-in.interceptor.classes must include "
                    + PolledPartitionInterceptor.class.getName() + " (the input channel's batches carry one record per"
                    + " partition and poll); it is " + (interceptors.isEmpty() ? "unset" : "'" + interceptors + "'"));
        }
        this.pipeline = pipeline;
        this.deadLetters = deadLetters;
        this.checkpoints = checkpoints;
        this.joinFlow = joinFlow;
        this.topics = topics;
        this.parseShare = parseShare;
    }

    @Incoming("events-in")
    public Uni<Void> consume(KafkaRecordBatch<byte[], PolledPartition> batch) {
        parseShare.eventLoopBusy(true);
        try {
            return process(batch);
        } finally {
            parseShare.eventLoopBusy(false);
        }
    }

    private Uni<Void> process(KafkaRecordBatch<byte[], PolledPartition> batch) {
        List<Uni<Void>> pending = null;
        List<PartitionCheckpoint> due;
        synchronized (pipeline.lock()) {
            if (pipeline.stopped()) {
                return Uni.createFrom().voidItem(); // shutting down: the next owner processes these from the checkpoint
            }
            for (KafkaRecord<byte[], PolledPartition> polled : batch.getRecords()) {
                for (ConsumerRecord<byte[], ParsedInput> record : polled.getPayload().records()) {
                    ParsedInput input = record.value();
                    if (input == null) { // a tombstone
                        input = ParsedInput.tombstone(topics.streamOf(record.topic()));
                    }
                    InputEvent event = input.event(parserScratch);
                    if (!pipeline.admit(record.topic(), record.partition(), record.offset(), event == null ? null : event.model())) {
                        continue;
                    }
                    if (event == null) {
                        if (pending == null) {
                            pending = new ArrayList<>();
                        }
                        pending.add(deadLetters.send(record, input));
                        continue;
                    }
                    switch (input.stream()) {
                        case FEATURES -> pipeline.onFeatures((FeatureEvent) event);
                        case PREDICTIONS -> pipeline.onPrediction((PredictionEvent) event);
                        case FEEDBACK -> pipeline.onFeedback((FeedbackEvent) event);
                    }
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
