package dev.robucap.cli;

import dev.robucap.devstack.Devstack;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "devstack", mixinStandardHelpOptions = true,
        description = {"Run the embedded Kafka broker and S3 server until Ctrl-C.",
                "Prints the environment a stage service needs to use them. Data survives a restart on the",
                "same directory."})
final class DevstackCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".robucap/devstack",
            description = "where Kafka's log and the S3 objects live (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--kafka-port", paramLabel = "PORT", defaultValue = "9092",
            description = "Kafka listener port on 127.0.0.1, 0 for any free port (default: ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--s3-port", paramLabel = "PORT", defaultValue = "9000",
            description = "S3 port on 127.0.0.1, 0 for any free port (default: ${DEFAULT-VALUE})")
    int s3Port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Devstack devstack = Devstack.builder().dataDir(dataDir).kafkaPort(kafkaPort).s3Port(s3Port).start();
        // Ctrl-C runs the hooks while this thread waits: stopping the servers there lets them flush cleanly.
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            devstack.close();
            stopped.countDown();
        }));
        var out = spec.commandLine().getOut();
        out.println("# robucap devstack is up (Ctrl-C stops it). For a stage service:");
        devstack.environment().forEach((k, v) -> out.println("export " + k + "=" + v));
        out.flush();
        stopped.await();
        return 0;
    }
}
