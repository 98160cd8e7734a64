package dev.robucap.stage;

import dev.robucap.common.events.KafkaTopics;
import dev.robucap.common.events.RecordConsumer;
import dev.robucap.common.events.RecordType;
import dev.robucap.common.task.TaskRequest;
import dev.robucap.common.task.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The Kafka path into a stage: {@code tasks.concurrency} consumers in the group {@code robucap-<stage>} on
 * {@code robucap.tasks.<stage>}, each running its task to the end before the next (offsets committed after the
 * task: a crash redelivers it, and the content key makes the rerun cheap). Replicas of the service share the
 * topic's partitions.
 */
@ApplicationScoped
public class TaskConsumers {

    private static final Logger LOG = Logger.getLogger(TaskConsumers.class);

    @Inject
    StageConfig config;

    @Inject
    TaskService tasks;

    private final List<RecordConsumer<TaskRequest>> consumers = new ArrayList<>();

    void onStart(@Observes StartupEvent event) {
        if (config.jobTask().isPresent() || !config.tasks().consume()) {
            return;
        }
        String stage = tasks.runner().stage().name();
        String topic = Topics.tasks(stage);
        KafkaTopics.ensureTopics(config.kafkaBootstrapServers(), List.of(topic, Topics.EVENTS, Topics.DEAD_LETTER),
                config.tasks().partitions());
        for (int i = 0; i < config.tasks().concurrency(); i++) {
            consumers.add(RecordConsumer.builder(RecordType.TASK_REQUEST)
                    .bootstrapServers(config.kafkaBootstrapServers())
                    .groupId(Topics.consumerGroup(stage))
                    .topic(topic)
                    .handler(tasks::run)
                    .start());
        }
        LOG.infof("consuming %s with %d consumer(s)", topic, consumers.size());
    }

    void onStop(@Observes ShutdownEvent event) {
        consumers.forEach(RecordConsumer::close);
    }
}
