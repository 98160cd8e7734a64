package dev.robucap.stage;

import dev.robucap.common.events.EventPublisher;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.S3Config;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** The connections every stage service holds: the artifact store and the Kafka event publisher. */
@ApplicationScoped
public class StageBeans {

    @Produces
    @ApplicationScoped
    ArtifactStore artifactStore(StageConfig config) {
        var s3 = config.s3();
        return ArtifactStore.connect(new S3Config(s3.endpoint(), s3.accessKey(), s3.secretKey(), s3.bucket()));
    }

    @Produces
    @ApplicationScoped
    EventPublisher eventPublisher(StageConfig config) {
        return EventPublisher.connect(config.kafkaBootstrapServers());
    }

    void close(@Disposes EventPublisher publisher) {
        publisher.close();
    }
}
