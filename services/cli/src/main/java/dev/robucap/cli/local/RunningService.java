package dev.robucap.cli.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * A stage service someone else started (a {@code robucap up}): alive while its liveness check answers, asked at
 * most every few seconds; closing it leaves it running.
 */
final class RunningService implements LocalService {

    private static final Duration CHECK_EVERY = Duration.ofSeconds(5);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private Instant checked = Instant.MIN;

    RunningService(String name, int port) {
        this.name = name;
        this.port = port;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void checkAlive() throws IOException {
        if (Instant.now().isBefore(checked.plus(CHECK_EVERY))) {
            return;
        }
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                .timeout(Duration.ofSeconds(5)).build();
        int status;
        try {
            status = CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IOException(name + " of `robucap up` does not answer on port " + port + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while checking " + name, e);
        }
        if (status != 200) {
            throw new IOException(name + " of `robucap up` is not live (HTTP " + status + " on port " + port + ")");
        }
        checked = Instant.now();
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
