package dev.robucap.cli;

import dev.robucap.common.task.TaskEvent;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * One progress bar per task and an overall one. On a terminal the block is redrawn in place, with the tasks not yet
 * succeeded; in a log (CI, a pipe) each task's start and end are printed once, and a running task's progress at
 * most every {@link #LOG_INTERVAL}, so the output stays readable and still shows that hours-long training moves.
 */
public final class Progress {

    private static final int WIDTH = 24;
    /** How the error of a task that was never sent (a task it reads from failed) begins. */
    public static final String NOT_RUN = "not run";
    static final Duration LOG_INTERVAL = Duration.ofSeconds(30);

    /** @param logged when this task's progress was last printed to a log (nanoTime) */
    private record Line(String label, TaskEvent event, long logged) {
    }

    private final PrintStream out;
    private final boolean interactive;
    private final LongSupplier nanoTime;
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private int total;
    private int drawn;

    public Progress(PrintStream out, boolean interactive) {
        this(out, interactive, System::nanoTime);
    }

    Progress(PrintStream out, boolean interactive, LongSupplier nanoTime) {
        this.out = out;
        this.interactive = interactive;
        this.nanoTime = nanoTime;
    }

    /** The number of tasks the overall bar counts, when more than those added so far will come. */
    public synchronized void total(int tasks) {
        total = tasks;
    }

    public synchronized void add(String taskId, String label) {
        lines.put(taskId, new Line(label, null, nanoTime.getAsLong()));
    }

    public synchronized void update(TaskEvent event) {
        Line line = lines.get(event.taskId());
        if (line == null) {
            return;
        }
        TaskEvent previous = line.event();
        long now = nanoTime.getAsLong();
        boolean changed = (previous == null || previous.type() != event.type())
                && event.type() != TaskEvent.Type.PROGRESS;
        boolean due = event.type() == TaskEvent.Type.PROGRESS && now - line.logged() >= LOG_INTERVAL.toNanos();
        boolean log = !interactive && (changed || due);
        lines.put(event.taskId(), new Line(line.label(), event, log ? now : line.logged()));
        if (log) {
            out.println(describe(line.label(), event));
        }
    }

    /** Redraws the block (terminal only). */
    public synchronized void render() {
        if (!interactive || lines.isEmpty()) {
            return;
        }
        var text = new StringBuilder();
        if (drawn > 0) {
            text.append("\033[").append(drawn).append('A');
        }
        double sum = 0;
        int shown = 0;
        for (Line line : lines.values()) {
            sum += fraction(line.event());
            if (line.event() == null || line.event().type() != TaskEvent.Type.SUCCEEDED) {
                text.append("\033[2K").append(describe(line.label(), line.event())).append('\n');
                shown++;
            }
        }
        for (; shown < drawn - 1; shown++) { // the block shrank: blank what is left of the last one
            text.append("\033[2K\n");
        }
        int count = Math.max(total, lines.size());
        text.append("\033[2K").append(bar(sum / count)).append(String.format(Locale.ROOT,
                "  overall: %d of %d tasks done%n", done(), count));
        drawn = shown + 1;
        out.print(text);
        out.flush();
    }

    /** Starts a new block below the current one (the next phase of a run). */
    public synchronized void clear() {
        render();
        lines.clear();
        drawn = 0;
    }

    private long done() {
        return lines.values().stream().filter(l -> l.event() != null && l.event().type().terminal()).count();
    }

    private static double fraction(TaskEvent event) {
        if (event == null) {
            return 0;
        }
        return event.type() == TaskEvent.Type.SUCCEEDED ? 1 : event.progress();
    }

    private static String describe(String label, TaskEvent event) {
        String state = event == null ? "waiting" : switch (event.type()) {
            case REQUESTED -> "queued";
            case STARTED -> "started";
            case PROGRESS -> event.message();
            case SUCCEEDED -> event.message() == null ? "done" : event.message();
            case FAILED -> event.error() != null && event.error().startsWith(NOT_RUN) ? event.error()
                    : "FAILED: " + event.error();
        };
        return String.format(Locale.ROOT, "%s  %-34s %s", bar(fraction(event)), label, state);
    }

    private static String bar(double fraction) {
        int filled = (int) Math.round(fraction * WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "]"
                + String.format(Locale.ROOT, " %3d%%", Math.round(fraction * 100));
    }
}
