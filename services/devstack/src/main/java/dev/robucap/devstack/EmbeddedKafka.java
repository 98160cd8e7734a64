package dev.robucap.devstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/** One Kafka node in KRaft mode (broker and controller in one), on loopback, logs under a directory. */
final class EmbeddedKafka implements AutoCloseable {

    /**
     * Fixed, so that a restart on the same log directory finds the cluster it formatted. A Kafka cluster id is a
     * base64 UUID: these 16 ASCII bytes make one that says what it is.
     */
    static final String CLUSTER_ID = Base64.getUrlEncoder().withoutPadding()
            .encodeToString("robucap-devstack".getBytes(StandardCharsets.US_ASCII));

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a node listening on {@code port} (0 = a free one) with its logs in {@code dir}. */
    static EmbeddedKafka start(Path dir, int port) throws IOException {
        int brokerPort = port == 0 ? FreePorts.pick() : port;
        // The voter set is static configuration, not stored in the log: a restart may use other ports.
        Properties props = config(dir.resolve("logs"), brokerPort, FreePorts.pick());
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
            format(dir, props);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw e;
        }
        return new EmbeddedKafka(server, brokerPort);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties config(Path logDir, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
        // One node: every replication factor and ISR minimum is 1.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        // Start time and memory: few partitions (defaults are 50 per internal topic), small segments and
        // indexes, a small compaction buffer (default 128 MiB), few threads; consumers join a group at once.
        p.setProperty("num.partitions", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.num.partitions", "1");
        p.setProperty("share.coordinator.state.topic.num.partitions", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        p.setProperty("log.index.size.max.bytes", String.valueOf(1024 * 1024));
        p.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        p.setProperty("log.cleaner.threads", "1");
        p.setProperty("num.network.threads", "2");
        p.setProperty("num.io.threads", "2");
        p.setProperty("background.threads", "2");
        p.setProperty("num.recovery.threads.per.data.dir", "1");
        return p;
    }

    private static void format(Path dir, Properties props) throws IOException {
        Path configFile = dir.resolve("format.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            props.store(out, "robucap devstack: used once, to format the log directory");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status = StorageTool.execute(new String[] {"format", "-t", CLUSTER_ID, "-c", configFile.toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IOException("cannot format Kafka storage in " + dir + ": " + output.toString(StandardCharsets.UTF_8));
        }
    }
}
