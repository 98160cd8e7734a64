package dev.robucap.cli;

import dev.robucap.cli.local.LocalRun;
import dev.robucap.common.spec.Experiment;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run an experiment end to end on this machine and write its report.",
                "Starts the embedded Kafka and S3 and the stage services as processes, sends the tasks over",
                "Kafka and follows their progress (or re-uses those of a running `robucap up`). Outputs are",
                "cached by content key in the work directory: a second run re-uses them."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WORKFLOW.yaml", defaultValue = "workflows/quickstart.yaml",
            description = "the Experiment to run (default: ${DEFAULT-VALUE})")
    Path workflow;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "report",
            description = "where to write the report (default: ${DEFAULT-VALUE})")
    Path reportDir;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = ".robucap",
            description = "embedded Kafka and S3 data, logs and caches (default: ${DEFAULT-VALUE})")
    Path workDir;

    @Option(names = "--force", paramLabel = "STAGE", description = {"run this stage's tasks even when cached, and "
            + "every task downstream of them (repeatable): augmenter, encoder-trainer, captioner-trainer, evaluator"})
    Set<String> force = new LinkedHashSet<>();

    @Option(names = "--max-parallel", paramLabel = "N", defaultValue = "1",
            description = {"the most tasks running or queued at a time (default: ${DEFAULT-VALUE}: every DJL stage",
                    "uses all cores, so two trainers at once only oversubscribe a small machine)"})
    int maxParallel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (maxParallel < 1) {
            throw new ParameterException(spec.commandLine(), "--max-parallel must be at least 1, got " + maxParallel);
        }
        Experiment experiment = Experiment.read(workflow);
        var out = spec.commandLine().getOut();
        LocalRun run;
        try {
            run = new LocalRun(experiment, Home.path(), workDir.toAbsolutePath(), System.out,
                    System.console() != null, force, maxParallel);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String prefix = run.run(reportDir);
        out.println("Report: " + reportDir.resolve("index.html").toAbsolutePath() + " (also in S3 under " + prefix
                + ")");
        out.flush();
        return 0;
    }
}
