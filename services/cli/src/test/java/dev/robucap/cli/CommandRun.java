package dev.robucap.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of {@code robucap}, configured as bin/robucap runs it: exit code, stdout and stderr. */
record CommandRun(int code, String out, String err) {

    static CommandRun run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cli = Robucap.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new CommandRun(code, out.toString(), err.toString());
    }
}
