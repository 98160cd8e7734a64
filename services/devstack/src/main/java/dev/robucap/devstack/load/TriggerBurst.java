package dev.robucap.devstack.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many {@code POST /v1/tasks} at once against a stage service, released together, then every accepted task followed
 * to its end through {@code GET /v1/tasks/{id}}. What each request got is kept, none is retried: a load test checks
 * that every request was answered (202 with a task id, or 429 with Retry-After) and every accepted task ended.
 */
public final class TriggerBurst {

    private static final Pattern TASK_ID = Pattern.compile("\"taskId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([A-Z]+)\"");
    private static final Pattern ERROR = Pattern.compile("\"error\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** One request's answer: the status, the task id of a 202, the Retry-After of a 429, or the exception. */
    public record Answer(int status, String taskId, String retryAfter, String body, String exception) {
    }

    /** A task's end: SUCCEEDED or FAILED with its error, or null if it did not end in time. */
    public record End(String type, String error) {
    }

    /**
     * What a burst showed: the answers in request order, each accepted task's end (null: did not end in time), and
     * every promise it found broken, in words (empty when none).
     */
    public record Outcome(List<Answer> answers, Map<String, End> ends, List<String> problems) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final String token;

    /** @param base the service's root, e.g. {@code http://127.0.0.1:8081/}; token: bearer token or null */
    public TriggerBurst(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** Sends {@code n} requests at once, the i-th with body {@code body.apply(i)}; the answers in request order. */
    public List<Answer> fire(int n, IntFunction<String> body) throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String json = body.apply(i);
                futures.add(senders.submit(() -> {
                    go.await();
                    return post(json);
                }));
            }
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                try {
                    answers.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    answers.add(new Answer(-1, null, null, null, String.valueOf(e.getCause())));
                }
            }
            return answers;
        } finally {
            senders.shutdownNow();
        }
    }

    /**
     * Fires {@code n} requests at once and checks what a stage service with a task queue of {@code queueBound}
     * promises: every request answered 202 with a task id or 429 with Retry-After (none dropped, no 5xx); at least the
     * running task and a full queue accepted; never more than {@code queueBound} queued; every accepted task ends
     * SUCCEEDED within {@code timeout}.
     */
    public Outcome fireAndFollow(int n, IntFunction<String> body, int queueBound, Duration timeout)
            throws IOException, InterruptedException {
        List<Answer> answers = fire(n, body);
        List<String> problems = new ArrayList<>();
        for (Answer a : answers) {
            if (a.status() == 202 && a.taskId() == null) {
                problems.add("a 202 without a task id: " + a);
            } else if (a.status() == 429 && a.retryAfter() == null) {
                problems.add("a 429 without Retry-After: " + a);
            } else if (a.status() != 202 && a.status() != 429) {
                problems.add("answered neither 202 nor 429: " + a);
            }
        }
        List<String> accepted = answers.stream().filter(a -> a.status() == 202 && a.taskId() != null)
                .map(Answer::taskId).toList();
        if (accepted.size() < 1 + queueBound) {
            problems.add("only " + accepted.size() + " accepted; the running task and a full queue are "
                    + (1 + queueBound));
        }
        double queued = metric(get("q/metrics"), "robucap_tasks_queued");
        if (queued > queueBound) {
            problems.add(queued + " tasks queued, over the bound of " + queueBound);
        }
        Map<String, End> ends = awaitEnds(accepted, timeout);
        ends.forEach((id, end) -> {
            if (end == null) {
                problems.add("task " + id + " did not end within " + timeout);
            } else if (!end.type().equals("SUCCEEDED")) {
                problems.add("task " + id + " " + end.type() + ": " + end.error());
            }
        });
        return new Outcome(answers, ends, problems);
    }

    /** The heap in use after three full collections: what the JVM retains, for before/after comparisons. */
    public static long retainedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private Answer post(String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("v1/tasks"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Matcher id = TASK_ID.matcher(response.body());
            return new Answer(response.statusCode(), response.statusCode() == 202 && id.find() ? id.group(1) : null,
                    response.headers().firstValue("Retry-After").orElse(null), response.body(), null);
        } catch (IOException e) {
            return new Answer(-1, null, null, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, null, null, null, e.toString());
        }
    }

    /** Follows every task to its end, polling each every half second until {@code timeout}; by task id. */
    public Map<String, End> awaitEnds(List<String> taskIds, Duration timeout) throws IOException, InterruptedException {
        Map<String, End> ends = new TreeMap<>();
        Instant deadline = Instant.now().plus(timeout);
        while (ends.size() < taskIds.size() && Instant.now().isBefore(deadline)) {
            for (String id : taskIds) {
                if (ends.containsKey(id)) {
                    continue;
                }
                String body = get("v1/tasks/" + id);
                Matcher type = TYPE.matcher(body);
                if (type.find() && (type.group(1).equals("SUCCEEDED") || type.group(1).equals("FAILED"))) {
                    Matcher error = ERROR.matcher(body);
                    ends.put(id, new End(type.group(1), error.find() ? error.group(1) : null));
                }
            }
            if (ends.size() < taskIds.size()) {
                Thread.sleep(500);
            }
        }
        for (String id : taskIds) {
            ends.putIfAbsent(id, null);
        }
        return ends;
    }

    /** A GET's body ({@code q/metrics}, a task's latest event). */
    public String get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of a Prometheus gauge or counter line starting with {@code name} in {@code /q/metrics}, summed. */
    public static double metric(String metrics, String name) {
        double sum = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Counts of the answers by status (-1: no answer, an exception). */
    public static Map<Integer, Integer> byStatus(List<Answer> answers) {
        Map<Integer, Integer> counts = new TreeMap<>();
        answers.forEach(a -> counts.merge(a.status(), 1, Integer::sum));
        return counts;
    }
}
