package dev.robucap.operator;

import dev.robucap.common.events.EventFollower;
import dev.robucap.common.events.EventPublisher;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.S3Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.ShutdownEvent;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;

/** Wires the reconciliation to Kubernetes, Kafka and S3 from {@link OperatorConfig}. */
@ApplicationScoped
public class OperatorBeans {

    private ArtifactStore store;
    private EventPublisher publisher;
    private EventFollower events;
    private ExecutorWork work;

    @Produces
    @Singleton
    Settings settings(OperatorConfig config) {
        return Settings.from(config);
    }

    @Produces
    @Singleton
    ExperimentDriver driver(OperatorConfig config, Settings settings, KubernetesClient client) {
        store = ArtifactStore.connect(new S3Config(config.s3().endpoint(), config.s3().accessKey().orElse(null),
                config.s3().secretKey().orElse(null), config.s3().bucket()));
        publisher = EventPublisher.connect(settings.kafkaBootstrapServers());
        events = new EventFollower(settings.kafkaBootstrapServers(), "operator", id -> true, event -> { });
        work = new ExecutorWork(store, Path.of(System.getProperty("java.io.tmpdir")));
        return new ExperimentDriver(settings, store::isPublished, new JobDispatcher(client),
                new KafkaDispatcher(publisher::submit, events::latest), work, Clock.systemUTC());
    }

    /** The operator SDK asks for this bean; none (null) means no leader election. */
    @Produces
    @Dependent
    LeaderElectionConfiguration leaderElection(OperatorConfig config) {
        return config.operator().leaderElection() ? new LeaderElectionConfiguration("robucap-operator") : null;
    }

    void close(@Observes ShutdownEvent event) throws InterruptedException {
        if (events != null) {
            work.close();
            events.close();
            publisher.close();
            store.close();
        }
    }
}
