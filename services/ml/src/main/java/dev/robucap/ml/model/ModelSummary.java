package dev.robucap.ml.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.util.Pair;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.robucap.common.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A model's layer table: every layer with parameters (convolution, batch norm, fully connected), in forward order,
 * with its output shape for one input size and its trainable parameters; and the total. Layer names follow
 * torchvision's module names under this code's two parts, e.g. {@code trunk.layer2.0.downsample.0}, {@code head.fc}.
 */
public record ModelSummary(
        String model,
        List<Long> input,
        List<Layer> layers,
        @JsonProperty("trainable_parameters") long trainableParameters) {

    /** One layer; {@code outputShape} for a batch of one. */
    public record Layer(
            String name,
            String type,
            @JsonProperty("output_shape") List<Long> outputShape,
            @JsonProperty("trainable_parameters") long trainableParameters) {
    }

    /** The summary the CLI prints: torchvision's ResNet-18 with {@code numClasses} outputs on a 224×224 image. */
    public static ModelSummary resnet18(int numClasses) {
        return of("resnet18", new ResNet18(numClasses), new Shape(1, 3, 224, 224));
    }

    /** Initialises {@code block} for {@code input} (on a temporary manager) and tabulates it. */
    public static ModelSummary of(String model, Block block, Shape input) {
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, DataType.FLOAT32, input);
            List<Layer> layers = new ArrayList<>();
            collect("", block, layers);
            long total = layers.stream().mapToLong(Layer::trainableParameters).sum();
            return new ModelSummary(model, dims(input), List.copyOf(layers), total);
        }
    }

    private static void collect(String name, Block block, List<Layer> layers) {
        if (block.getChildren().isEmpty()) {
            if (!block.getParameters().isEmpty()) {
                Shape out = block.getOutputShapes(block.getInputShapes())[0];
                long trainable = block.getParameters().values().stream()
                        .filter(Parameter::requiresGradient)
                        .mapToLong(p -> p.getArray().size())
                        .sum();
                layers.add(new Layer(name, block.getClass().getSimpleName(), dims(out), trainable));
            }
            return;
        }
        int index = 0;
        for (Pair<String, Block> child : block.getChildren()) {
            // DJL names children "NNname"; a SequentialBlock's are "NNClassName", torch numbers them from 0
            String childName = block instanceof SequentialBlock ? String.valueOf(index) : child.getKey().substring(2);
            collect(name.isEmpty() ? childName : name + "." + childName, child.getValue(), layers);
            index++;
        }
    }

    private static List<Long> dims(Shape shape) {
        return Arrays.stream(shape.getShape()).boxed().toList();
    }

    /** The table as aligned text, total last. */
    public String toText() {
        int width = layers.stream().mapToInt(l -> l.name().length()).max().orElse(4);
        String row = "%-" + width + "s  %-9s  %-20s  %,12d%n";
        StringBuilder text = new StringBuilder(String.format("%s, input %s%n", model, input));
        text.append(String.format("%-" + width + "s  %-9s  %-20s  %12s%n", "layer", "type", "output", "parameters"));
        for (Layer layer : layers) {
            text.append(String.format(row, layer.name(), layer.type(), layer.outputShape(), layer.trainableParameters()));
        }
        return text.append(String.format("trainable parameters: %,d%n", trainableParameters)).toString();
    }

    /** The summary as JSON; the total under {@code trainable_parameters}. */
    public String toJson() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a model summary as JSON", e);
        }
    }
}
