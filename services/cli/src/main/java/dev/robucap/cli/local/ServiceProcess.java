package dev.robucap.cli.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A stage service started as its own process from the same jar the cluster runs
 * ({@code services/<name>/target/quarkus-app/quarkus-run.jar}), its log in a file, ready when its readiness
 * check says so.
 */
public final class ServiceProcess implements LocalService {

    /** Children still running when the JVM exits (Ctrl-C, a failure) are stopped with it. */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** How long a service may take to stop before it is killed; a task it held is delivered again. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            RUNNING.forEach(Process::destroy);
            RUNNING.forEach(ServiceProcess::awaitOrKill);
        }));
    }

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    public static ServiceProcess start(Path home, String name, Map<String, String> environment, Path logDir)
            throws IOException {
        Path jar = home.resolve("services").resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IOException("service " + name + " is not built (" + jar + " is missing): run 'make build'");
        }
        int port = freePort();
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx1g", "-jar", jar.toString()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        // the service stops itself when this process ends, even where no shutdown hook runs (SIGKILL, halt)
        builder.environment().put("ROBUCAP_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        builder.environment().putAll(Jemalloc.environment(builder.environment()));
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        Process process = builder.start();
        RUNNING.add(process);
        return new ServiceProcess(name, process, log, port);
    }

    /** Waits until the service answers its readiness check; fails with the log's location if it dies first. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            checkAlive();
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException(name + " was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    @Override
    public void checkAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IOException(name + " exited with code " + process.exitValue() + "; see " + log);
        }
    }

    @Override
    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** The file the service logs to. */
    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits up to {@code timeout} for the process to end by itself; whether it has. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Ends the process at once (SIGKILL: no shutdown hooks, no commit), as a crash or an OOM kill would. */
    public void kill() throws InterruptedException {
        RUNNING.remove(process);
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() {
        RUNNING.remove(process);
        process.destroy();
        awaitOrKill(process);
    }

    private static void awaitOrKill(Process process) {
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
