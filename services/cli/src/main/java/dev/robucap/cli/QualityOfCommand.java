package dev.robucap.cli;

import dev.robucap.common.jpeg.Jpeg;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "quality-of", mixinStandardHelpOptions = true,
        description = "Estimate the IJG quality (1..100) a JPEG was written with, from its luma quantisation table.")
final class QualityOfCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE.jpg")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int quality;
        try {
            quality = Jpeg.estimateQuality(Images.read(file));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": " + Robucap.oneLine(e), e);
        }
        spec.commandLine().getOut().println(quality);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
