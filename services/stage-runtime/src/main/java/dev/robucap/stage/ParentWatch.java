package dev.robucap.stage;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * With {@code ROBUCAP_PARENT_PID} set ({@code robucap run} and {@code robucap up} set it to their own pid), the service
 * stops when that process ends, however it ends: a parent killed with SIGKILL, or halted by its embedded Kafka broker
 * on a fatal error, runs no shutdown hook that could stop its children, and they would otherwise run on as orphans.
 * The stop is the usual graceful one: a task held is left to be delivered again.
 */
@ApplicationScoped
public class ParentWatch {

    private static final Logger LOG = Logger.getLogger(ParentWatch.class);

    @Inject
    StageConfig config;

    void onStart(@Observes StartupEvent event) {
        config.parentPid().ifPresent(pid -> ProcessHandle.of(pid).map(ProcessHandle::onExit)
                .orElse(CompletableFuture.completedFuture(null))
                .thenRun(() -> {
                    LOG.warnf("process %d, which started this service, has ended: stopping", pid);
                    Quarkus.asyncExit(0);
                }));
    }
}
