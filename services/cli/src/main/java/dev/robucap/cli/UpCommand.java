package dev.robucap.cli;

import dev.robucap.cli.local.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the embedded Kafka and S3 and the four stage services, and keep them running until",
                "Ctrl-C. `robucap run` on the same work directory then re-uses them instead of starting its own,",
                "so that runs start at once and their services' logs stay in one place."})
final class UpCommand implements Callable<Integer> {

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".robucap",
            description = "embedded Kafka and S3 data, logs and caches (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path dir = workDir.toAbsolutePath();
        var out = spec.commandLine().getOut();
        Files.createDirectories(dir);
        if (LocalStack.attach(dir, System.out).isPresent()) {
            out.println("robucap is already up on " + dir + ": nothing to do");
            return 0;
        }
        LocalStack stack = LocalStack.start(Home.path(), dir, LocalStack.STAGES, System.out);
        // Ctrl-C runs the hooks while this thread waits: the services and servers stop there, cleanly.
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(dir.resolve("up.json"));
            } catch (java.io.IOException ignored) {
                // a later run sees that this process is gone and removes the file itself
            }
            stack.close();
            stopped.countDown();
        }));
        stack.advertise(dir);
        out.println("robucap is up: Kafka " + stack.kafkaBootstrapServers() + ", services "
                + String.join(", ", LocalStack.STAGES) + " (logs in " + dir.resolve("logs") + ").");
        out.println("`robucap run WORKFLOW.yaml` in this directory re-uses them. Ctrl-C stops everything.");
        out.flush();
        stopped.await();
        return 0;
    }
}
