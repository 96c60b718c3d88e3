package io.driftline.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev stack's broker (scripts/load and `driftline dev` run on it) writes its topics to the folder it is given and
 * finds them there after a restart, instead of a new folder under java.io.tmpdir per start that nothing deletes
 * (1-3 GB per load run, until the disk was full).
 */
class EmbeddedKafkaTest {

    @Test
    void topicsLiveInTheGivenFolderAndSurviveARestart(@TempDir Path dir) throws Exception {
        Path logDir = dir.resolve("kafka");
        String topic = "devstack-restart";
        try (EmbeddedKafka broker = EmbeddedKafka.start(logDir, 0)) {
            assertEquals(List.of(logDir.resolve("logs").toAbsolutePath().toString()), broker.logDirs());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
                producer.send(new ProducerRecord<>(topic, 0, "k", "kept")).get(30, TimeUnit.SECONDS);
            }
            assertTrue(Files.isDirectory(logDir.resolve("logs").resolve(topic + "-0")), "the partition's folder is under the given log folder");
        }
        try (EmbeddedKafka broker = EmbeddedKafka.start(logDir, 0)) {
            assertEquals(List.of("kept"), read(broker.bootstrapServers(), new TopicPartition(topic, 0)));
        }
    }

    private static List<String> read(String bootstrap, TopicPartition partition) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(partition) < consumer.endOffsets(List.of(partition)).get(partition) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
