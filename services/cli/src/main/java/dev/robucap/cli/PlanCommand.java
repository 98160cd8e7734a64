package dev.robucap.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.robucap.common.Json;
import dev.robucap.common.plan.Plan;
import dev.robucap.common.plan.PlannedTask;
import dev.robucap.common.plan.Planner;
import dev.robucap.common.spec.Experiment;
import dev.robucap.common.store.ArtifactStore;
import dev.robucap.common.store.S3Config;
import dev.robucap.devstack.Devstack;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Print an experiment's tasks in the order they can run, what each reads, its content key and",
                "output, and whether that output is already in the work directory's S3 (cached) or will be made."})
final class PlanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WORKFLOW.yaml", defaultValue = "workflows/quickstart.yaml",
            description = "the Experiment to plan (default: ${DEFAULT-VALUE})")
    Path workflow;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".robucap",
            description = "the work directory of `robucap run`, whose S3 holds the cache (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--force", paramLabel = "STAGE", description = "as `robucap run --force`: shown as forced")
    Set<String> force = new LinkedHashSet<>();

    @Option(names = "--json", description = "print the plan as JSON")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Experiment experiment = Experiment.read(workflow);
        Plan plan = Planner.plan(experiment);
        Set<String> forced;
        try {
            forced = plan.forcedBy(force);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<String, String> status = status(plan, forced);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ArrayNode tasks = Json.MAPPER.createArrayNode();
            for (PlannedTask task : plan.tasks()) {
                var node = tasks.addObject().put("id", task.id()).put("label", task.label()).put("stage", task.stage())
                        .put("contentKey", plan.contentKey(task.id())).put("output", plan.output(task.id()))
                        .put("status", status.get(task.id()));
                task.dependencies().forEach(node.putArray("after")::add);
            }
            out.println(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(
                    Json.MAPPER.createObjectNode().put("experiment", experiment.metadata().name()).set("tasks", tasks)));
        } else {
            long cached = status.values().stream().filter("cached"::equals).count();
            out.printf(Locale.ROOT, "Plan of %s: %d tasks, %d cached, %d to run%n", experiment.metadata().name(),
                    plan.tasks().size(), cached, plan.tasks().size() - cached);
            out.printf(Locale.ROOT, "%-8s %-26s %-18s %-52s %s%n", "status", "task", "stage", "after", "output");
            for (PlannedTask task : plan.tasks()) {
                out.printf(Locale.ROOT, "%-8s %-26s %-18s %-52s %s%n", status.get(task.id()), task.id(),
                        task.stage(), after(task.dependencies()), plan.output(task.id()));
            }
        }
        out.flush();
        return 0;
    }

    /** cached, forced or "to run" per task; everything is to run when the work directory has no S3 data yet. */
    private Map<String, String> status(Plan plan, Set<String> forced) throws Exception {
        Map<String, String> status = new LinkedHashMap<>();
        plan.tasks().forEach(task -> status.put(task.id(), forced.contains(task.id()) ? "forced" : "to run"));
        Path data = workDir.toAbsolutePath().resolve("devstack");
        if (!Files.isDirectory(data)) {
            return status;
        }
        try (Devstack devstack = Devstack.builder().dataDir(data).start();
             ArtifactStore store = ArtifactStore.connect(new S3Config(devstack.s3Endpoint(), devstack.s3AccessKey(),
                     devstack.s3SecretKey(), devstack.bucket()))) {
            for (PlannedTask task : plan.tasks()) {
                if (!forced.contains(task.id()) && store.isPublished(plan.output(task.id()))) {
                    status.put(task.id(), "cached");
                }
            }
        }
        return status;
    }

    private static String after(List<String> dependencies) {
        if (dependencies.isEmpty()) {
            return "-";
        }
        if (dependencies.size() <= 2) {
            return String.join(", ", dependencies);
        }
        return dependencies.get(0) + ", " + dependencies.get(1) + " +" + (dependencies.size() - 2) + " more";
    }
}
