package dev.robucap.common.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.robucap.common.Json;
import dev.robucap.common.task.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes task requests or task events on its own thread and hands each valid record to a handler.
 *
 * <ul>
 *   <li><b>At least once.</b> Auto-commit is off; a record's offset is committed after its handler returns (or
 *   after it went to the dead-letter topic). A crash in between redelivers it.</li>
 *   <li><b>Duplicates.</b> The ids ({@code taskId} of a request, {@code eventId} of an event) of the last
 *   records handled successfully are remembered, and a record with one of them is skipped. The memory is per
 *   consumer and bounded, so after a restart or a rebalance a duplicate can still reach the handler: handlers
 *   must be idempotent too (for stages: skip a task whose manifest is published).</li>
 *   <li><b>Slow handlers.</b> A task can run for hours inside its handler. Kafka evicts a consumer that does not
 *   poll within {@code max.poll.interval.ms}, so one record is fetched per poll ({@code max.poll.records=1})
 *   and the interval is large ({@link Builder#maxPollInterval}, 12 h by default).</li>
 *   <li><b>Bad records never stop the loop.</b> Unparseable JSON, wrong types, missing required fields or a
 *   schema newer than this code go to {@link Topics#DEAD_LETTER}, as do valid records whose handler threw; the
 *   reason is in the header {@value #REASON_HEADER} and in a JSON wrapper
 *   {@code {"topic","partition","offset","reason","value"}} holding the original value.</li>
 * </ul>
 */
public final class RecordConsumer<T> implements AutoCloseable {

    public static final String REASON_HEADER = "robucap.dead-letter.reason";

    private static final Logger LOG = LoggerFactory.getLogger(RecordConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);
    private static final int MAX_REASON_CHARS = 1000;

    /** Does the work for one record; an exception sends the record to the dead-letter topic. */
    @FunctionalInterface
    public interface Handler<T> {
        void handle(T value) throws Exception;
    }

    private final RecordType<T> type;
    private final Handler<T> handler;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> deadLetters;
    private final String deadLetterTopic;
    private final RecentIds recentIds;
    private final Thread thread;
    private final Duration shutdownGrace;
    private volatile boolean running = true;

    private RecordConsumer(Builder<T> options) {
        this.type = options.type;
        this.handler = options.handler;
        this.deadLetterTopic = options.deadLetterTopic;
        this.recentIds = new RecentIds(options.recentIds);
        this.shutdownGrace = options.shutdownGrace;
        this.consumer = new KafkaConsumer<>(KafkaClients.config(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, options.groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, options.autoOffsetReset,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) options.maxPollInterval.toMillis())),
                new StringDeserializer(), new StringDeserializer());
        this.deadLetters = Producers.create(options.bootstrapServers);
        this.consumer.subscribe(options.topics);
        this.thread = new Thread(this::loop, "robucap-consumer-" + options.groupId);
        this.thread.setDaemon(true); // commits are per record: stopping abruptly only means a redelivery
    }

    public static <T> Builder<T> builder(RecordType<T> type) {
        return new Builder<>(type);
    }

    /**
     * Stops polling and waits up to the shutdown grace for the record in hand. A record still being handled after
     * that (hours of training) stays uncommitted, so it is delivered again and the task resumes from its checkpoint:
     * a stopping service must not hold its process hostage.
     */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(shutdownGrace.toMillis());
            if (thread.isAlive()) {
                LOG.warn("a {} is still being handled after {}; leaving it uncommitted, to be delivered again", type,
                        shutdownGrace);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, String> record : consumer.poll(POLL_TIMEOUT)) {
                        process(record);
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    // e.g. a commit after a rebalance took the partition away: the record comes again
                    LOG.warn("Kafka error in consumer of {}; polling again: {}", type, e.toString());
                    pause();
                }
            }
        } catch (WakeupException e) {
            // close() was called
        } finally {
            consumer.close();
            deadLetters.close();
        }
    }

    private void process(ConsumerRecord<String, String> record) {
        T value;
        try {
            value = type.parse(record.value());
        } catch (MalformedRecordException e) {
            LOG.warn("malformed {} at {}-{}@{}: {}", type, record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            deadLetterThenCommit(record, e.getMessage());
            return;
        }
        String id = type.id(value);
        if (recentIds.contains(id)) {
            LOG.debug("skipping duplicate {} {}", type, id);
            commit(record);
            return;
        }
        try {
            handler.handle(value);
        } catch (Exception e) {
            LOG.error("handler failed for {} {} at {}-{}@{}", type, id, record.topic(), record.partition(),
                    record.offset(), e);
            deadLetterThenCommit(record, "handler failed: " + e);
            return;
        }
        recentIds.add(id);
        commit(record);
    }

    private void deadLetterThenCommit(ConsumerRecord<String, String> record, String reason) {
        String shortReason = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) + "…" : reason;
        ObjectNode wrapper = Json.MAPPER.createObjectNode()
                .put("topic", record.topic())
                .put("partition", record.partition())
                .put("offset", record.offset())
                .put("reason", shortReason)
                .put("value", record.value());
        ProducerRecord<String, String> letter = new ProducerRecord<>(deadLetterTopic, record.key(), wrapper.toString());
        letter.headers().add(REASON_HEADER, shortReason.getBytes(StandardCharsets.UTF_8));
        try {
            deadLetters.send(letter).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Not committed: the record is read again and dead-lettered once Kafka takes records again.
            LOG.error("cannot write to {}; will read the record at {}-{}@{} again", deadLetterTopic, record.topic(),
                    record.partition(), record.offset(), e);
            consumer.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
            pause();
            return;
        }
        commit(record);
    }

    private void commit(ConsumerRecord<String, String> record) {
        var offset = Map.of(new TopicPartition(record.topic(), record.partition()),
                new OffsetAndMetadata(record.offset() + 1));
        try {
            consumer.commitSync(offset);
        } catch (WakeupException e) {
            consumer.commitSync(offset); // close() came while handling: still record the work done
            throw e;
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Options of a consumer; bootstrap servers, group id, topics and handler are required. */
    public static final class Builder<T> {

        private final RecordType<T> type;
        private String bootstrapServers;
        private String groupId;
        private final List<String> topics = new ArrayList<>();
        private String autoOffsetReset = "earliest";
        private Duration maxPollInterval = Duration.ofHours(12);
        private Duration shutdownGrace = Duration.ofSeconds(10);
        private int recentIds = 10_000;
        private String deadLetterTopic = Topics.DEAD_LETTER;
        private Handler<T> handler;

        private Builder(RecordType<T> type) {
            this.type = Objects.requireNonNull(type, "type");
        }

        /** How long {@link #close()} waits for the record in hand (default 10 s). */
        public Builder<T> shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        public Builder<T> bootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        /** Consumers with one group id share the work; each group sees every record. */
        public Builder<T> groupId(String groupId) {
            this.groupId = groupId;
            return this;
        }

        public Builder<T> topics(Collection<String> topics) {
            this.topics.addAll(topics);
            return this;
        }

        public Builder<T> topic(String topic) {
            this.topics.add(topic);
            return this;
        }

        /** Where a group without a committed offset starts: {@code earliest} (the default: no task is lost) or {@code latest}. */
        public Builder<T> autoOffsetReset(String autoOffsetReset) {
            if (!autoOffsetReset.equals("earliest") && !autoOffsetReset.equals("latest")) {
                throw new IllegalArgumentException("autoOffsetReset must be earliest or latest: " + autoOffsetReset);
            }
            this.autoOffsetReset = autoOffsetReset;
            return this;
        }

        /** The longest a handler may take before Kafka gives its partition to another consumer (at most ~24 days). */
        public Builder<T> maxPollInterval(Duration maxPollInterval) {
            if (maxPollInterval.isNegative() || maxPollInterval.isZero()
                    || maxPollInterval.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("maxPollInterval out of range: " + maxPollInterval);
            }
            this.maxPollInterval = maxPollInterval;
            return this;
        }

        /** How many handled ids to remember to skip redelivered records (default 10,000). */
        public Builder<T> recentIds(int capacity) {
            this.recentIds = capacity;
            return this;
        }

        public Builder<T> deadLetterTopic(String deadLetterTopic) {
            this.deadLetterTopic = deadLetterTopic;
            return this;
        }

        public Builder<T> handler(Handler<T> handler) {
            this.handler = handler;
            return this;
        }

        /** Subscribes and starts the consumer's thread. */
        public RecordConsumer<T> start() {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("no topics to consume");
            }
            RecordConsumer<T> consumer = new RecordConsumer<>(this);
            consumer.thread.start();
            return consumer;
        }
    }
}
