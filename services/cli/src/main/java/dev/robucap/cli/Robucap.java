package dev.robucap.cli;

import dev.robucap.ml.Djl;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/robucap}: the command-line front door of robucap. */
@Command(name = "robucap", mixinStandardHelpOptions = true, versionProvider = Robucap.Version.class,
        description = "JPEG-robust image captioning: compress, compare, generate data, run experiments.",
        subcommands = {JpegCommand.class, CompareCommand.class, QualityOfCommand.class, DatagenCommand.class,
                DevstackCommand.class, UpCommand.class, RunCommand.class, PlanCommand.class, SummaryCommand.class, BleuCommand.class,
                CommandLine.HelpCommand.class})
public final class Robucap {

    public static void main(String[] args) {
        // The embedded broker warns about benign things at every start (controller activation, closing a closed
        // client); a CLI user needs its errors only. -Dorg.slf4j.simpleLogger.log.<logger>=… still wins.
        for (String logger : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            if (System.getProperty("org.slf4j.simpleLogger.log." + logger) == null) {
                System.setProperty("org.slf4j.simpleLogger.log." + logger, "error");
            }
        }
        Djl.offlineByDefault();
        System.exit(commandLine().execute(args));
    }

    /** The configured command line: one-line errors, exit 2 for usage errors and 1 for failures. */
    public static CommandLine commandLine() {
        var cli = new CommandLine(new Robucap());
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("robucap: " + e.getMessage()
                    + " (see '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("robucap " + commandLine.getCommandName() + ": " + oneLine(e));
            return 1;
        });
        return cli;
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
                : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Robucap.class.getPackage().getImplementationVersion();
            return new String[] {"robucap " + (version == null ? "development build" : version)};
        }
    }
}
