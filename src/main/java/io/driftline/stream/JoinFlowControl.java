package io.driftline.stream;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Keeps the two sides of the feedback join in step when the consumer catches up on a backlog. Kafka fetches the
 * same bytes per partition, so the topic with the smaller records (feedback, usually) is read ahead of the other;
 * past the join's size bound, records whose match is still unread on the broker would expire. When a model's join
 * holds more than half its bound on one side while the other side's partition still has records to read, the side
 * that is ahead is paused, until the join is down to a quarter or the other side has nothing left to read (what waits
 * then has no match yet, and expires as the bound says). Live traffic, read up to the end, is never held.
 *
 * <p>What to hold is decided under the pipeline's lock after each batch and every second (a paused side whose other
 * side has caught up and gone quiet brings no batch, and must still be released); the pauses are set on the poll
 * thread, and set again after every poll ({@link JoinFlowInterceptor}) because SmallRye's batch channel resumes the
 * whole assignment at the start of a poll once its queue is empty, and pauses it all when the queue is full (while
 * it holds everything, releases are left to it). A pause acts a few polls after the records that ask for it (those in
 * SmallRye's queue, up to {@code max-queue-size-factor} polls), which the other half of the bound absorbs: at the
 * defaults, 25,000 records against 50,000. Both sides of one partition are never held at once: with both over the
 * mark (joins already past their bound), holding either would stall the other.
 */
@ApplicationScoped
public class JoinFlowControl {
    private static final Logger LOG = Logger.getLogger(JoinFlowControl.class);
    static final String CHANNEL = "events-in";

    private final MonitorPipeline pipeline;
    private final KafkaClientService kafka;
    private final TopicsConfig topics;
    private final int high;
    private final int low;

    // written under the pipeline's lock, read by the poll thread: the partitions whose feedback (predictions) side
    // is to be held
    private volatile Set<Integer> holdFeedback = Set.of();
    private volatile Set<Integer> holdPredictions = Set.of();
    // poll thread: what this class has paused; volatile for the quick check of the other threads
    private volatile Set<TopicPartition> paused = Set.of();

    JoinFlowControl(MonitorPipeline pipeline, KafkaClientService kafka, TopicsConfig topics, JoinConfig join) {
        this.pipeline = pipeline;
        this.kafka = kafka;
        this.topics = topics;
        this.high = Math.max(1, join.maxSize() / 2);
        this.low = join.maxSize() / 4;
    }

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        synchronized (pipeline.lock()) {
            if (!pipeline.stopped()) {
                check();
            }
        }
    }

    /**
     * On the poll thread after each poll that returned records ({@link JoinFlowInterceptor}): SmallRye resumes the
     * whole assignment at the start of a poll once its queue is empty, so the pause is set again here, after that poll.
     */
    void afterPoll() {
        if (paused.isEmpty() && holdFeedback.isEmpty() && holdPredictions.isEmpty()) {
            return;
        }
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(CHANNEL);
        if (consumer != null) {
            apply(consumer.unwrap(), holdFeedback, holdPredictions);
        }
    }

    /** After each batch (on the event loop) and every second, under the pipeline's lock. */
    void check() {
        Set<Integer> feedback = hold(holdFeedback, true);
        Set<Integer> predictions = hold(holdPredictions, false);
        holdFeedback = feedback;
        holdPredictions = predictions;
        if (feedback.isEmpty() && predictions.isEmpty() && paused.isEmpty()) {
            return; // the usual case: nothing held, nothing to hold
        }
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(CHANNEL);
        if (consumer != null) {
            consumer.runOnPollingThread((Consumer<Object, Object> c) -> apply(c, feedback, predictions))
                    .subscribe().with(ignored -> { }, failure -> LOG.warnf(failure, "could not pause or resume a join's partition"));
        }
    }

    /** Partitions over the high mark, and those already held that are still over the low one. */
    private Set<Integer> hold(Set<Integer> held, boolean feedback) {
        Set<Integer> over = pipeline.partitionsWaiting(feedback, high);
        if (held.isEmpty()) {
            return over;
        }
        Set<Integer> stillOver = pipeline.partitionsWaiting(feedback, low);
        Set<Integer> hold = new HashSet<>(over);
        for (int p : held) {
            if (stillOver.contains(p)) {
                hold.add(p);
            }
        }
        return hold;
    }

    /** On the poll thread. */
    private void apply(Consumer<?, ?> c, Set<Integer> feedback, Set<Integer> predictions) {
        Set<TopicPartition> assignment = c.assignment();
        Set<TopicPartition> pause = new HashSet<>();
        for (int p : feedback) {
            if (!predictions.contains(p)) {
                aheadOf(c, assignment, pause, new TopicPartition(topics.feedback(), p), new TopicPartition(topics.predictions(), p));
            }
        }
        for (int p : predictions) {
            if (!feedback.contains(p)) {
                aheadOf(c, assignment, pause, new TopicPartition(topics.predictions(), p), new TopicPartition(topics.feedback(), p));
            }
        }
        Set<TopicPartition> release = new HashSet<>();
        for (TopicPartition tp : paused) {
            if (!pause.contains(tp) && assignment.contains(tp)) {
                release.add(tp);
            }
        }
        if (!release.isEmpty() && !c.paused().containsAll(assignment)) {
            c.resume(release);
            LOG.infof("join caught up: resumed %s", release);
        }
        if (!pause.isEmpty()) {
            Set<TopicPartition> newly = new HashSet<>(pause);
            newly.removeAll(paused);
            c.pause(pause); // again every time: SmallRye's resume lifts every pause
            if (!newly.isEmpty()) {
                LOG.infof("join read ahead on %s while the other side has records to read: paused until it catches up", newly);
            }
        }
        paused = pause.isEmpty() ? Set.of() : pause;
    }

    private static void aheadOf(Consumer<?, ?> c, Set<TopicPartition> assignment, Set<TopicPartition> pause, TopicPartition ahead,
            TopicPartition behind) {
        if (!assignment.contains(ahead) || !assignment.contains(behind)) {
            return;
        }
        OptionalLong lag = c.currentLag(behind); // empty until a fetch of it has returned: not known to be behind
        if (lag.isPresent() && lag.getAsLong() > 0) {
            pause.add(ahead);
        }
    }
}
