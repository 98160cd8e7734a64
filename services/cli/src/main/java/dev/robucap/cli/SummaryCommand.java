package dev.robucap.cli;

import dev.robucap.ml.model.ModelSummary;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "summary", mixinStandardHelpOptions = true,
        description = {"Print a model's layer table and its trainable parameter count.",
                "resnet18 is torchvision's ResNet-18 (11,689,512 parameters for 1,000 classes), for a 224x224 input."})
final class SummaryCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "the model: resnet18")
    String model;

    @Option(names = "--classes", defaultValue = "1000", paramLabel = "N",
            description = "number of classes of the classifier (default: ${DEFAULT-VALUE})")
    int classes;

    @Option(names = "--json", description = "print JSON (the count under \"trainable_parameters\")")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!model.equals("resnet18")) {
            throw new IllegalArgumentException("unknown model '" + model + "'; known: resnet18");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("--classes must be at least 1, got " + classes);
        }
        var summary = ModelSummary.resnet18(classes);
        var out = spec.commandLine().getOut();
        out.println(json ? summary.toJson() : summary.toText());
        out.flush();
        return 0;
    }
}
