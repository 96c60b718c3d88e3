package io.driftline.load;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftline.stream.EventParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The pipeline load harness behind {@code scripts/load} (a tool, not a test). It talks to a running broker and
 * a running service only through their public interfaces: Kafka, the REST API and the monitor state.
 *
 * <p>Phases, each one JVM invocation driven by the script:
 * <ol>
 *   <li>{@code setup}: creates the two monitors over REST (10 NUMERIC features + Page-Hinkley; DDM concept drift).</li>
 *   <li>{@code produce}: with the service stopped, writes N feature events to {@code driftline.features} as fast
 *       as it can.</li>
 *   <li>{@code raw}: times a raw {@code KafkaConsumer<byte[],byte[]>} count-only poll loop over them; the script
 *       runs it in a JVM with the service's options, before and after the pipeline (the baseline bracket), so the
 *       two differ only in their code.</li>
 *   <li>{@code pipeline}: the service is started on a fresh consumer group after this step starts, so it reads the
 *       same N records from the beginning; its progress is the observation count of the monitor's detector, polled
 *       over REST.</li>
 *   <li>{@code latency}: prediction + feedback pairs at a fixed rate whose error stream makes DDM drift every
 *       {@code period} pairs, timing each drift event from the send of the feedback that raised it to its arrival
 *       on {@code driftline.drift-events}; after each rate, one broker hop alone at the same rate as the
 *       infrastructure's floor. Prints and writes the markdown tables.</li>
 *   <li>{@code hop}: only the broker-hop floor, per rate, against any broker (no service needed).</li>
 * </ol>
 * Options are {@code --name value} pairs; see {@link #usage()}.
 */
public final class LoadHarness {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int FEATURES = 10;
    // the pipeline phase fails when the monitor's count stands still this long (a stopped service or channel), instead of
    // waiting out its 30 minutes
    static final long STALL_NANOS = 60_000_000_000L;

    private final Map<String, String> opts;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LoadHarness(Map<String, String> opts) {
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        io.driftline.devstack.StandaloneLogging.install();
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        Map<String, String> opts = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                usage();
                System.exit(2);
            }
            opts.put(args[i].substring(2), args[++i]);
        }
        LoadHarness h = new LoadHarness(opts);
        switch (args[0]) {
            case "setup" -> h.setup();
            case "produce" -> h.produce();
            case "raw" -> h.raw();
            case "pipeline" -> h.pipeline();
            case "latency" -> h.latencyRuns();
            case "hop" -> {
                for (String r : h.opt("latency-rate").split(",")) {
                    h.brokerHop(Double.parseDouble(r.trim()));
                }
            }
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    static void usage() {
        System.err.println("""
                usage: LoadHarness setup   --url U --token T --features-monitor F --concept-monitor C
                       LoadHarness produce --bootstrap B --n N --features-monitor F --state FILE
                       LoadHarness raw     --bootstrap B --state FILE --key raw1|raw2|rawparse (N from the state file)
                                           [--parse yes (also parse every record with the service's parser, same thread)]
                                           (run it in a JVM with the service's options: the baseline differs only in code)
                       LoadHarness pipeline --bootstrap B --url U --token T --features-monitor F --group G --state FILE
                       LoadHarness latency --bootstrap B --url U --token T --concept-monitor C --state FILE --out FILE
                                           [--latency-rate R records/s, or a comma-separated list; "half" = half the measured warm pipeline rate (the default)]
                                           [--latency-seconds S (20)] [--latency-warmup S (5)] [--period P pairs per drift (500)]
                                           [--latency-linger-ms MS (the latency producer's linger.ms, 1)]
                       LoadHarness hop     --bootstrap B --latency-rate R[,R...] [--latency-linger-ms MS]
                                           (one broker hop alone per rate, no service: the infrastructure's floor;
                                           the first rate on a fresh broker and harness measures their JIT warm-up)""");
    }

    // ---------------------------------------------------------------------------------------------------
    // setup

    void setup() throws Exception {
        StringBuilder features = new StringBuilder();
        for (int i = 0; i < FEATURES; i++) {
            features.append(i == 0 ? "" : ",").append("{\"name\":\"f").append(i).append("\",\"type\":\"NUMERIC\"}");
        }
        String f = opt("features-monitor");
        post("/api/v1/monitors", "{\"name\":\"" + f + "\",\"model\":\"" + f + "\",\"features\":[" + features
                + "],\"dataDrift\":{\"type\":\"PAGE_HINKLEY\"}}");
        String c = opt("concept-monitor");
        post("/api/v1/monitors", "{\"name\":\"" + c + "\",\"model\":\"" + c
                + "\",\"features\":[],\"conceptDrift\":{\"type\":\"DDM\",\"task\":\"CLASSIFICATION\"}}");
        log("created monitors %s (10 numeric features, PAGE_HINKLEY) and %s (DDM on the error stream)", f, c);
    }

    // ---------------------------------------------------------------------------------------------------
    // produce

    void produce() throws Exception {
        int n = Integer.parseInt(opt("n"));
        String model = opt("features-monitor");
        String topic = "driftline.features";
        ensureTopics();
        Properties p = common();
        p.put(ProducerConfig.ACKS_CONFIG, "1");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(512 * 1024));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        byte[] key = model.getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        long bytes = 0;
        log("producing %,d feature events (10 numeric features, stationary) to %s, key %s", n, topic, model);
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            StringBuilder sb = new StringBuilder(256);
            for (int i = 0; i < n; i++) {
                sb.setLength(0);
                sb.append("{\"id\":\"").append(i).append("\",\"model\":\"").append(model).append("\",\"features\":{");
                for (int k = 0; k < FEATURES; k++) {
                    // stationary: mean 10+k, sd 0.1, three decimals; Page-Hinkley (lambda 50) stays quiet on it
                    long milli = Math.round((10 + k + 0.1 * random.nextGaussian()) * 1000);
                    sb.append(k == 0 ? "\"f" : ",\"f").append(k).append("\":").append(milli / 1000).append('.');
                    long frac = milli % 1000;
                    if (frac < 100) {
                        sb.append('0');
                    }
                    if (frac < 10) {
                        sb.append('0');
                    }
                    sb.append(frac);
                }
                sb.append("}}");
                byte[] value = sb.toString().getBytes(StandardCharsets.US_ASCII);
                bytes += value.length;
                producer.send(new ProducerRecord<>(topic, key, value));
                if ((i + 1) % 250_000 == 0) {
                    log("  produced %,d", i + 1);
                }
            }
            producer.flush();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double producerRate = n / secs;
        double recordSize = (double) bytes / n;
        log("produced %,d records of %.0f bytes on average in %.2f s: %,.0f records/s", n, recordSize, secs, producerRate);

        Properties state = new Properties();
        state.setProperty("n", Integer.toString(n));
        state.setProperty("recordSize", Double.toString(recordSize));
        state.setProperty("producerRate", Double.toString(producerRate));
        state.setProperty("load1", loadAverage());
        saveState(state, "LoadHarness produce");
    }

    /**
     * The raw baseline as its own step, stored in the state file under {@code --key} (raw1 before, raw2 after the
     * pipeline; {@code --parse yes}: the same loop also parses every record with the service's parser).
     */
    void raw() throws Exception {
        Properties state = loadState();
        boolean parse = "yes".equals(opts.get("parse"));
        double[] raw = rawConsume(Integer.parseInt(state.getProperty("n")), "driftline.features", parse);
        String key = opt("key");
        state.setProperty(key, Double.toString(raw[0]));
        state.setProperty(key + "warm", Double.toString(raw[1]));
        saveState(state, "LoadHarness raw");
    }

    Properties loadState() throws IOException {
        Properties state = new Properties();
        try (var r = Files.newBufferedReader(Path.of(opt("state")))) {
            state.load(r);
        }
        return state;
    }

    void saveState(Properties state, String by) throws IOException {
        try (var w = Files.newBufferedWriter(Path.of(opt("state")))) {
            state.store(w, by);
        }
    }

    /**
     * A plain count-only poll loop on its own group from the beginning of {@code topic}; records/s over all N records
     * (cold: from the partition assignment) and over the records after the first fifth (warm: the JIT has compiled
     * the loop), measured the same way as the pipeline's. With {@code parse} the loop also parses each value with
     * the service's {@link EventParser}, on the same thread: what the JSON alone costs a consumer that fetches and
     * parses in turn (Kafka fetches a partition again only once all its fetched records are taken, and a deserializer
     * parses as they are taken; the service parses on its event loop instead, beside the fetches).
     */
    double[] rawConsume(int n, String topic, boolean parse) {
        Properties p = common();
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "load-raw-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"); // as the service's events-in channel
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        long count = 0;
        long[] t0 = {0};
        long bytes = 0;
        long checksum = 0;
        long warmAt = 0;
        long warmCount = 0;
        long deadline = System.nanoTime() + 300_000_000_000L;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (t0[0] == 0 && !partitions.isEmpty()) {
                        t0[0] = System.nanoTime();
                    }
                }
            });
            while (count < n && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    bytes += r.value().length;
                    if (parse) {
                        checksum += EventParser.parseFeatures(r.value()).size(); // used below: the JIT keeps the parse
                    }
                }
                count += records.count();
                if (warmAt == 0 && count >= n / 5) {
                    warmAt = System.nanoTime();
                    warmCount = count;
                }
            }
        }
        long t1 = System.nanoTime();
        if (count < n) {
            throw new IllegalStateException("raw consumer saw only " + count + " of " + n + " records");
        }
        double rate = count / ((t1 - t0[0]) / 1e9);
        double warm = (count - warmCount) / ((t1 - warmAt) / 1e9);
        if (parse && checksum != 10L * count) {
            throw new IllegalStateException("parsed " + checksum + " features in " + count + " records, expected 10 each");
        }
        log("raw KafkaConsumer%s: %,d records (%,d bytes) in %.2f s after the assignment: %,.0f records/s; after the first"
                + " fifth: %,.0f records/s", parse ? " + parse" : "", count, bytes, (t1 - t0[0]) / 1e9, rate, warm);
        return new double[] {rate, warm};
    }

    // ---------------------------------------------------------------------------------------------------
    // measure

    /** The service's rate over the N records (it is started after this step, on a fresh group), into the state file. */
    void pipeline() throws Exception {
        Properties state = loadState();
        state.setProperty("load2", loadAverage());
        double[] pipeline = pipelineRate(Integer.parseInt(state.getProperty("n")));
        state.setProperty("pipeline", Double.toString(pipeline[0]));
        state.setProperty("pipelinewarm", Double.toString(pipeline[1]));
        saveState(state, "LoadHarness pipeline");
    }

    /** The latency runs, then both tables from everything in the state file. */
    void latencyRuns() throws Exception {
        Properties state = loadState();
        int n = Integer.parseInt(state.getProperty("n"));
        String load2 = state.getProperty("load2");
        double[] pipeline = {Double.parseDouble(state.getProperty("pipeline")), Double.parseDouble(state.getProperty("pipelinewarm"))};
        double rawCold = Math.max(Double.parseDouble(state.getProperty("raw1")), Double.parseDouble(state.getProperty("raw2")));
        double rawWarm = Math.max(Double.parseDouble(state.getProperty("raw1warm")), Double.parseDouble(state.getProperty("raw2warm")));
        double rawParse = Double.parseDouble(state.getProperty("rawparse", "NaN"));
        double rawParseWarm = Double.parseDouble(state.getProperty("rawparsewarm", "NaN"));
        List<Double> rates = new ArrayList<>();
        for (String r : opts.getOrDefault("latency-rate", "half").split(",")) {
            String rate = r.trim();
            rates.add(rate.equals("half") ? pipeline[1] / 2 : Double.parseDouble(rate));
        }
        String load3 = loadAverage();
        List<double[]> runs = new ArrayList<>();
        long positionBase = 0;
        for (int run = 0; run < rates.size(); run++) {
            double[] lat = latency(rates.get(run), run, positionBase);
            positionBase += (long) lat[9];
            double[] hop = brokerHop(rates.get(run));
            lat = Arrays.copyOf(lat, 14);
            lat[12] = hop[0];
            lat[13] = hop[1];
            runs.add(lat);
        }

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, """
                | N | record size | raw consumer (records/s) | pipeline (records/s) | ratio | producer (records/s) | raw consumer + parse, one thread (records/s) |
                |---|---|---|---|---|---|---|
                | %,d | %.0f B | all N: %,.0f; after the first fifth: %,.0f | all N: %,.0f; after the first fifth: %,.0f | %.2f× / %.2f× | %,.0f | all N: %,.0f; after the first fifth: %,.0f (%.2f× / %.2f× the raw consumer) |

                | latency run rate (records/s) | drift events | p50 | p99 | max | sent → published p50 / p99 | sent → detected p50 / p99 | detected → arrived p50 / p99 | one broker hop alone p50 / p99 |
                |---|---|---|---|---|---|---|---|---|
                """, n, Double.parseDouble(state.getProperty("recordSize")), rawCold, rawWarm, pipeline[0], pipeline[1],
                pipeline[0] / rawCold, pipeline[1] / rawWarm, Double.parseDouble(state.getProperty("producerRate")),
                rawParse, rawParseWarm, rawParse / rawCold, rawParseWarm / rawWarm));
        for (double[] lat : runs) {
            table.append(String.format(Locale.ROOT,
                    "| %,.0f (%,.0f pairs/s) | %d | %.1f ms | %.1f ms | %.1f ms | %s | %.0f / %.0f ms | %.0f / %.0f ms | %.1f / %.1f ms |%n",
                    lat[4], lat[4] / 2, (int) lat[3], lat[0], lat[1], lat[2],
                    Double.isNaN(lat[10]) ? "n/a" : String.format(Locale.ROOT, "%.0f / %.0f ms", lat[10], lat[11]),
                    lat[5], lat[6], lat[7], lat[8], lat[12], lat[13]));
        }
        String loads = "load average (1/5/15 min) at produce: " + state.getProperty("load1") + "; at pipeline start: " + load2
                + "; at latency start: " + load3 + "\n";
        System.out.println();
        System.out.print(table);
        System.out.println();
        System.out.print(loads);
        Files.writeString(Path.of(opt("out")), table + "\n" + loads);
    }

    /**
     * Records/s of the service over the N records already in the topic. This phase starts before the service: the
     * clock starts when the service's consumer group ({@code --group}) has a member with partitions assigned (as
     * the raw loop's clock starts in {@code onPartitionsAssigned}), and stops when the Page-Hinkley track of
     * feature f0, which counts one observation per feature event the pipeline processed, reaches N (polled over
     * REST every 50 ms: each poll costs the service a REST request, so not more often).
     */
    double[] pipelineRate(int n) throws Exception {
        String monitor = opt("features-monitor");
        String group = opt("group");
        long t0;
        try (Admin admin = Admin.create(common())) {
            await("the service's consumer group " + group + " gets its partitions")
                    .atMost(Duration.ofMinutes(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(() -> hasFeaturePartitions(admin, group));
            t0 = System.nanoTime();
        }
        log("pipeline: group %s has its partitions; timing until the monitor has seen %,d records", group, n);
        long[] seen = {-1};
        long[] lastLog = {System.nanoTime()};
        long[] lastMove = {System.nanoTime(), -1}; // when the count last changed, and to what
        long[] warm = {0, 0}; // time and count of the first poll past N/5
        int[] reads = {0};
        await("the pipeline reaches " + n + " records").atMost(Duration.ofMinutes(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    reads[0]++;
                    try {
                        seen[0] = observations(monitor);
                    } catch (IOException | IllegalStateException e) {
                        seen[0] = -1; // HTTP not up yet: the channel can start before the HTTP server
                    }
                    if (warm[0] == 0 && seen[0] >= n / 5) {
                        if (reads[0] == 1) {
                            // Already past N/5 at the read right after t0: the assignment was seen late (the admin
                            // client starved), and a rate from t0 would be fiction.
                            throw new IllegalStateException(String.format(Locale.ROOT, "the monitor had already seen %,d"
                                    + " records when the harness saw the group's assignment: no valid timing, run again", seen[0]));
                        }
                        warm[0] = System.nanoTime();
                        warm[1] = seen[0];
                    }
                    if (seen[0] != lastMove[1]) {
                        lastMove[0] = System.nanoTime();
                        lastMove[1] = seen[0];
                    } else if (System.nanoTime() - lastMove[0] > STALL_NANOS) {
                        throw new IllegalStateException(String.format(Locale.ROOT, "the monitor's count has not moved"
                                + " for %d s (%,d of %,d records): the service or its input channel has stopped; see its"
                                + " log", STALL_NANOS / 1_000_000_000L, seen[0], n));
                    }
                    if (System.nanoTime() - lastLog[0] > 2_000_000_000L) {
                        log("  pipeline progress: %,d", seen[0]);
                        lastLog[0] = System.nanoTime();
                    }
                    return seen[0] >= n;
                });
        long now = System.nanoTime();
        double rate = n / ((now - t0) / 1e9);
        double warmRate = (seen[0] - warm[1]) / ((now - warm[0]) / 1e9);
        log("pipeline: %,d records in %.2f s after the assignment: %,.0f records/s; after the first fifth: %,.0f records/s",
                n, (now - t0) / 1e9, rate, warmRate);
        if (seen[0] > n) {
            log("  (the monitor saw %,d > N records: were the features produced twice?)", seen[0]);
        }
        return new double[] {rate, warmRate};
    }

    private static boolean hasFeaturePartitions(Admin admin, String group) throws InterruptedException {
        org.apache.kafka.clients.admin.ConsumerGroupDescription d;
        try {
            d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        } catch (ExecutionException e) {
            return false; // GroupIdNotFoundException until the service joins
        }
        return d != null && d.members().stream().anyMatch(m -> m.assignment().topicPartitions().stream()
                .anyMatch(tp -> tp.topic().equals("driftline.features")));
    }

    long observations(String monitor) throws Exception {
        JsonNode state = JSON.readTree(get("/api/v1/monitors/" + monitor + "/state"));
        for (JsonNode d : state.get("detectors")) {
            if ("f0".equals(d.path("feature").asText())) {
                return d.get("observations").asLong();
            }
        }
        return 0;
    }

    /**
     * Prediction + feedback pairs at {@code rate} records/s (two records a pair) for {@code latency-seconds}. Pair
     * {@code i} is an error when {@code i % period == period - 1}, so DDM (minInstances 30) drifts at each of those
     * and its position (0-based index in the monitor's error stream) is {@code i}. Predictions go a few pairs ahead
     * of their feedback so that the feedback is the side that completes the join, in feedback-topic order. The first
     * {@code latency-warmup} seconds are not counted. Returns {p50, p99, max (ms), events timed, achieved rate,
     * sent → detected p50, p99, detected → arrived p50, p99, pairs sent, sent → published p50, p99 (NaN when the topic
     * does not use LogAppendTime)}.
     */
    double[] latency(double rate, int run, long positionBase) throws Exception {
        String model = opt("concept-monitor");
        int period = Integer.parseInt(opts.getOrDefault("period", "500"));
        if (period < 100) {
            // DDM restarts after each drift and needs 30 values before the next: with one error every 20 pairs no
            // drift event ever came, with 100 and more every error is one (measured); the run would only time out.
            throw new IllegalArgumentException("--period must be at least 100 pairs per drift, was " + period);
        }
        double seconds = Double.parseDouble(opts.getOrDefault("latency-seconds", "20"));
        double pairsPerSec = rate / 2;
        int pairs = (int) (pairsPerSec * seconds);
        int lead = 64;
        long warmupNanos = (long) (Double.parseDouble(opts.getOrDefault("latency-warmup", "5")) * 1e9);
        long[] sentAt = new long[pairs];
        long[] arrivedAt = new long[pairs];
        Arrays.fill(arrivedAt, -1);
        // Wall-clock split of each latency at the drift event's own timestamp (taken when the service detected it):
        // feedback sent -> detected (inbound + processing) and detected -> arrived (outbound), in ms.
        long[] sentWall = new long[pairs];
        long[] detectedWall = new long[pairs];
        long[] arrivedWall = new long[pairs];
        // The broker's append time of each drift event (the topic is set to LogAppendTime): "published" exactly,
        // without the downstream consumer's fetch.
        long[] publishedWall = new long[pairs];
        Arrays.fill(publishedWall, -1);

        Properties cp = latencyReaderConfig();
        KafkaConsumer<byte[], byte[]> events = new KafkaConsumer<>(cp);
        List<TopicPartition> parts = new ArrayList<>();
        for (PartitionInfo pi : events.partitionsFor("driftline.drift-events", Duration.ofSeconds(30))) {
            parts.add(new TopicPartition(pi.topic(), pi.partition()));
        }
        events.assign(parts);
        events.seekToEnd(parts);
        for (TopicPartition tp : parts) {
            events.position(tp); // resolve now, before anything is sent
        }
        AtomicBoolean stop = new AtomicBoolean();
        java.util.concurrent.CountDownLatch allArrived = new java.util.concurrent.CountDownLatch(pairs / period);
        long[] stray = new long[2];
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                ConsumerRecords<byte[], byte[]> rs = events.poll(Duration.ofMillis(50));
                long now = System.nanoTime();
                long nowWall = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> r : rs) {
                    try {
                        JsonNode e = JSON.readTree(r.value());
                        if (!model.equals(e.path("monitor").asText()) || !"DRIFT".equals(e.path("level").asText())) {
                            continue;
                        }
                        long pos = e.get("position").asLong() - positionBase;
                        if (pos < 0 || pos >= pairs || pos % period != period - 1) {
                            stray[0]++;
                            continue;
                        }
                        if (arrivedAt[(int) pos] < 0) {
                            allArrived.countDown();
                        }
                        arrivedAt[(int) pos] = now;
                        arrivedWall[(int) pos] = nowWall;
                        if (r.timestampType() == TimestampType.LOG_APPEND_TIME) {
                            publishedWall[(int) pos] = r.timestamp();
                        }
                        detectedWall[(int) pos] = java.time.Instant.parse(e.get("ts").asText()).toEpochMilli();
                    } catch (IOException ex) {
                        stray[1]++;
                    }
                }
            }
            events.close();
        }, "drift-events-reader");
        reader.start();

        settleHeap();
        Properties pp = latencyProducerConfig();
        byte[] key = model.getBytes(StandardCharsets.UTF_8);
        log("latency: %,d prediction+feedback pairs at %,.0f records/s (%,.0f pairs/s) for %.0f s; DDM drifts every %d pairs",
                pairs, rate, pairsPerSec, seconds, period);
        long start;
        long end;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp)) {
            for (int i = 0; i < Math.min(lead, pairs); i++) {
                producer.send(new ProducerRecord<>("driftline.predictions", key, prediction(model, run, i)));
            }
            producer.flush();
            start = System.nanoTime();
            double nanosPerPair = 1e9 / pairsPerSec;
            int i = 0;
            while (i < pairs) {
                long due = (long) ((System.nanoTime() - start) / nanosPerPair) + 1;
                if (i >= due) {
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000); // never spin: 2 cores are shared
                    continue;
                }
                for (; i < pairs && i < due; i++) {
                    if (i + lead < pairs) {
                        producer.send(new ProducerRecord<>("driftline.predictions", key, prediction(model, run, i + lead)));
                    }
                    boolean error = i % period == period - 1;
                    byte[] feedback = ("{\"id\":\"" + run + "-" + i + "\",\"model\":\"" + model + "\",\"label\":\"" + (error ? "0" : "1") + "\"}")
                            .getBytes(StandardCharsets.US_ASCII);
                    sentAt[i] = System.nanoTime();
                    sentWall[i] = System.currentTimeMillis();
                    producer.send(new ProducerRecord<>("driftline.feedback", key, feedback));
                }
            }
            end = System.nanoTime();
            producer.flush();
        }
        double achieved = 2.0 * pairs / ((end - start) / 1e9);
        log("latency: sent %,d pairs in %.2f s (%,.0f records/s); waiting for the last drift events", pairs, (end - start) / 1e9, achieved);
        // Wait for the last drift events themselves (bounded), not for a fixed time.
        allArrived.await(30, java.util.concurrent.TimeUnit.SECONDS);
        stop.set(true);
        reader.join();

        List<Long> lat = new ArrayList<>();
        List<Long> inbound = new ArrayList<>();
        List<Long> outbound = new ArrayList<>();
        List<Long> published = new ArrayList<>();
        int expected = 0;
        int missing = 0;
        for (int i = period - 1; i < pairs; i += period) {
            if (sentAt[i] - start < warmupNanos) {
                continue;
            }
            expected++;
            if (arrivedAt[i] < 0) {
                missing++;
            } else {
                lat.add(arrivedAt[i] - sentAt[i]);
                inbound.add(detectedWall[i] - sentWall[i]);
                outbound.add(arrivedWall[i] - detectedWall[i]);
                if (publishedWall[i] >= 0) {
                    published.add(publishedWall[i] - sentWall[i]);
                }
            }
        }
        if (lat.isEmpty()) {
            throw new IllegalStateException("no drift event arrived for " + model);
        }
        writeLatencies(rate, period, pairs, start, sentAt, arrivedAt, sentWall, detectedWall, arrivedWall, publishedWall);
        long[] sorted = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        double p50 = pct(sorted, 0.50) / 1e6;
        double p99 = pct(sorted, 0.99) / 1e6;
        double max = sorted[sorted.length - 1] / 1e6;
        log("latency: %d drift events timed (%d expected after warm-up, %d missing, %d at unexpected positions, %d unparsable):"
                + " p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", sorted.length, expected, missing, stray[0], stray[1],
                p50, pct(sorted, 0.90) / 1e6, p99, max);
        long[] in = inbound.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] out = outbound.stream().mapToLong(Long::longValue).sorted().toArray();
        log("latency split at the drift event's timestamp (wall clock, ms): feedback sent -> detected p50 %d p99 %d;"
                + " detected -> arrived p50 %d p99 %d", pct(in, 0.50), pct(in, 0.99), pct(out, 0.50), pct(out, 0.99));
        double pub50 = Double.NaN;
        double pub99 = Double.NaN;
        if (published.size() == sorted.length) {
            long[] pub = published.stream().mapToLong(Long::longValue).sorted().toArray();
            pub50 = pct(pub, 0.50);
            pub99 = pct(pub, 0.99);
            log("latency to the broker's append time of the drift event (published; wall clock, ms): p50 %.0f, p99 %.0f, max %d",
                    pub50, pub99, pub[pub.length - 1]);
        } else {
            log("latency to publication: the drift-events topic does not use LogAppendTime, not measured");
        }
        return new double[] {p50, p99, max, sorted.length, achieved, pct(in, 0.50), pct(in, 0.99), pct(out, 0.50),
                pct(out, 0.99), pairs, pub50, pub99};
    }

    /**
     * One line per drift event of a latency run, for finding where the tail comes from (a pause shows as a run
     * of slow events at neighbouring send times): {@code target/load-latency-<rate>.csv}.
     */
    void writeLatencies(double rate, int period, int pairs, long start, long[] sentAt, long[] arrivedAt, long[] sentWall,
            long[] detectedWall, long[] arrivedWall, long[] publishedWall) throws IOException {
        StringBuilder csv = new StringBuilder("sent_s,latency_ms,sent_to_detected_ms,detected_to_arrived_ms,sent_to_published_ms,sent_epoch_ms\n");
        for (int i = period - 1; i < pairs; i += period) {
            if (arrivedAt[i] >= 0) {
                csv.append(String.format(Locale.ROOT, "%.3f,%.2f,%d,%d,%s,%d%n", (sentAt[i] - start) / 1e9,
                        (arrivedAt[i] - sentAt[i]) / 1e6, detectedWall[i] - sentWall[i], arrivedWall[i] - detectedWall[i],
                        publishedWall[i] < 0 ? "" : Long.toString(publishedWall[i] - sentWall[i]), sentWall[i]));
            }
        }
        Path out = Path.of(opt("out")).resolveSibling(String.format(Locale.ROOT, "load-latency-%.0f.csv", rate));
        Files.writeString(out, csv);
        log("latency: every drift event's timing written to %s", out);
    }

    /**
     * A full collection before the clock starts, as JMH does between iterations. The run's timing arrays (tens of
     * MB at 200,000 records/s) are otherwise copied out of the young generation by the first young collection
     * inside the timed window: harness pauses of 40-110 ms (its GC log) that were timed as the service's latency.
     */
    static void settleHeap() {
        System.gc();
    }

    static byte[] prediction(String model, int run, int i) {
        return ("{\"id\":\"" + run + "-" + i + "\",\"model\":\"" + model + "\",\"prediction\":\"1\",\"source\":\"load\"}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Nearest-rank percentile. */
    static long pct(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    // ---------------------------------------------------------------------------------------------------
    // plumbing

    /**
     * The infrastructure's own floor, for comparison with the service's two hops: records at {@code rate} records/s
     * for 10 s (the first 2 s not timed) from a producer configured as the latency run's to a consumer configured as
     * its drift-event reader, in this JVM, on the same broker, while the service idles. Returns p50 and p99 in ms of
     * send → poll return.
     */
    double[] brokerHop(double rate) throws Exception {
        String topic = "driftline.load-hop";
        int n = (int) (rate * 10);
        long warmup = 2_000_000_000L;
        long[] sentAt = new long[n];
        long[] arrivedAt = new long[n];
        Properties cp = latencyReaderConfig();
        Properties pp = latencyProducerConfig();
        java.util.concurrent.CountDownLatch all = new java.util.concurrent.CountDownLatch(n);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp)) {
            producer.partitionsFor(topic); // creates the topic (auto-create) before the reader assigns it
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cp);
            List<TopicPartition> parts = new ArrayList<>();
            for (PartitionInfo pi : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                parts.add(new TopicPartition(pi.topic(), pi.partition()));
            }
            consumer.assign(parts);
            consumer.seekToEnd(parts);
            for (TopicPartition tp : parts) {
                consumer.position(tp);
            }
            AtomicBoolean stop = new AtomicBoolean();
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    ConsumerRecords<byte[], byte[]> rs = consumer.poll(Duration.ofMillis(50));
                    long now = System.nanoTime();
                    for (ConsumerRecord<byte[], byte[]> r : rs) {
                        int i = Integer.parseInt(new String(r.key(), StandardCharsets.US_ASCII));
                        arrivedAt[i] = now;
                        all.countDown();
                    }
                }
                consumer.close();
            }, "hop-reader");
            reader.start();
            byte[] value = new byte[170];
            Arrays.fill(value, (byte) 'x');
            settleHeap();
            long start = System.nanoTime();
            double nanosPer = 1e9 / rate;
            int i = 0;
            while (i < n) {
                long due = (long) ((System.nanoTime() - start) / nanosPer) + 1;
                if (i >= due) {
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000);
                    continue;
                }
                for (; i < n && i < due; i++) {
                    sentAt[i] = System.nanoTime();
                    producer.send(new ProducerRecord<>(topic, Integer.toString(i).getBytes(StandardCharsets.US_ASCII), value));
                }
            }
            producer.flush();
            all.await(30, java.util.concurrent.TimeUnit.SECONDS);
            stop.set(true);
            reader.join();
            List<Long> lat = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if (sentAt[k] - start >= warmup && arrivedAt[k] > 0) {
                    lat.add(arrivedAt[k] - sentAt[k]);
                }
            }
            long[] sorted = lat.stream().mapToLong(Long::longValue).sorted().toArray();
            double p50 = pct(sorted, 0.50) / 1e6;
            double p99 = pct(sorted, 0.99) / 1e6;
            log("broker hop alone at %,.0f records/s: %,d records timed, p50 %.2f ms, p99 %.2f ms", rate, sorted.length, p50, p99);
            return new double[] {p50, p99};
        }
    }

    /**
     * The producer of the latency runs, leader ack, {@code linger.ms} 1 unless {@code --latency-linger-ms} says
     * otherwise: what a latency-minded producer would set. One hop alone, same broker, same hour, at 20,000 /
     * 75,000 / 150,000 records/s: linger 1 p50 1.8-2.4 ms, p99 9-13 / 18-72 / 26-29 ms; Kafka 4's default 5
     * p50 4.0-4.3 ms, p99 10-11 / 11 / 44-71 ms; 0 (every record its own produce request) p50 2.7-4.5 ms,
     * p99 14-33 / 23-79 / 25-188 ms.
     */
    Properties latencyProducerConfig() {
        Properties pp = common();
        pp.put(ProducerConfig.ACKS_CONFIG, "1");
        pp.put(ProducerConfig.LINGER_MS_CONFIG, opts.getOrDefault("latency-linger-ms", "1"));
        pp.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        pp.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return pp;
    }

    /** The reader of the latency runs: a fetch returns as soon as one byte is there. */
    Properties latencyReaderConfig() {
        Properties cp = common();
        cp.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        cp.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        cp.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1");
        cp.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        cp.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        return cp;
    }

    Properties common() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, opt("bootstrap"));
        return p;
    }

    /** The three input topics and the drift-events topic with the broker's partition count, if absent. */
    void ensureTopics() throws Exception {
        try (Admin admin = Admin.create(common())) {
            for (String t : List.of("driftline.features", "driftline.predictions", "driftline.feedback", "driftline.drift-events")) {
                try {
                    admin.createTopics(List.of(new NewTopic(t, 3, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            // The broker stamps each drift event when it appends it: the latency run reads "published" off the record.
            ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, "driftline.drift-events");
            admin.incrementalAlterConfigs(Map.of(events, List.of(new AlterConfigOp(
                    new ConfigEntry("message.timestamp.type", "LogAppendTime"), AlterConfigOp.OpType.SET)))).all().get();
        }
    }

    String opt(String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return v;
    }

    String get(String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(opt("url") + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + opt("token")).GET().build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + res.statusCode() + ": " + res.body());
        }
        return res.body();
    }

    void post(String path, String body) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(opt("url") + path)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + opt("token")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " -> " + res.statusCode() + ": " + res.body());
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static void log(String format, Object... args) {
        System.out.println("[load] " + String.format(Locale.ROOT, format, args));
    }
}
