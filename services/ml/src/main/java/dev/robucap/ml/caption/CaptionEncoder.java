package dev.robucap.ml.caption;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.robucap.ml.model.ResNet18;
import dev.robucap.ml.model.ResNetTrunk;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The captioner's encoder, as the tutorial's Encoder with ResNet-18 in place of ResNet-101: the convolutional trunk of
 * an encoder-trainer model, adaptive average pooling of its feature map to encodedImageSize² (torch's
 * adaptive_avg_pool2d; a smaller map is upsampled, as the tutorial's 8×8 maps of 256-pixel images become 14×14, which
 * keeps the attention regulariser's Σ_t α per position near its intended scale), and the positions flattened:
 * images (n, 3, h, w) → (n, pixels, channels). Fine-tuning trains stages 2–4 (layer2–layer4) only, as the tutorial's
 * fine_tune; the stem and layer1 stay as the encoder trainer left them.
 */
public final class CaptionEncoder extends AbstractBlock {

    private static final Set<String> FINE_TUNED = Set.of("layer2", "layer3", "layer4");
    /** Any image shape: parameter shapes do not depend on it. */
    private static final Shape IMAGE = new Shape(1, 3, 64, 64);

    private final ResNetTrunk trunk;
    private final int encodedImageSize;
    private final List<Parameter> fineTunable;

    /**
     * Shares the parameters of {@code resnet}'s trunk; its classifier head is not used. Like any block it is
     * initialised before use; parameters the trunk has already keep their values.
     */
    public CaptionEncoder(ResNet18 resnet, int encodedImageSize) {
        if (encodedImageSize < 1) {
            throw new IllegalArgumentException("invalid encodedImageSize: " + encodedImageSize);
        }
        this.trunk = addChildBlock("trunk", resnet.trunk());
        this.encodedImageSize = encodedImageSize;
        this.fineTunable = trunk.getChildren().stream()
                .filter(child -> FINE_TUNED.contains(child.getKey().substring(2))) // DJL's keys are "NNname"
                .flatMap(child -> child.getValue().getParameters().values().stream())
                .filter(Parameter::requiresGradient) // not batch-norm statistics
                .toList();
    }

    /**
     * The encoder of a ResNet-18 trained by the encoder trainer: its {@code model.params} ({@code Block.saveParameters})
     * for {@code classes} classes and stage width {@code width} ({@link ResNet18#WIDTH} for torchvision's), loaded
     * into parameters created in {@code manager}.
     */
    public static CaptionEncoder load(byte[] modelParams, int classes, int width, int encodedImageSize,
            NDManager manager) {
        ResNet18 resnet = new ResNet18(classes, width);
        resnet.initialize(manager, DataType.FLOAT32, IMAGE);
        List<NDArray> initial = resnet.getParameters().values().stream().map(Parameter::getArray).toList();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(modelParams))) {
            resnet.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("the encoder's parameters do not fit a ResNet-18 of " + classes
                    + " classes and width " + width + ": " + e.getMessage(), e);
        }
        initial.forEach(NDArray::close); // DJL's load replaces the arrays without freeing the old ones
        CaptionEncoder encoder = new CaptionEncoder(resnet, encodedImageSize);
        encoder.initialize(manager, DataType.FLOAT32, IMAGE); // the parameters are there: this records the shape
        return encoder;
    }

    /** Channels of the output: 512 for torchvision's width. */
    public int encoderDim() {
        return trunk.outChannels();
    }

    /** The trainable parameters of stages 2–4: the encoder's Adam group when fine-tuning. */
    public List<Parameter> fineTunable() {
        return fineTunable;
    }

    /** Freezes the whole trunk, or (fine-tuning) lets gradients reach stages 2–4. */
    public void fineTune(boolean fineTune) {
        trunk.freezeParameters(true, Parameter::requiresGradient);
        if (fineTune) {
            fineTunable.forEach(p -> p.freeze(false));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray features = trunk.forward(ps, inputs, training).singletonOrThrow(); // (n, c, h', w')
        Shape target = pooledShape(features.getShape());
        if (target.get(2) != features.getShape().get(2) || target.get(3) != features.getShape().get(3)) {
            features = JniUtils.adaptiveAvgPool((PtNDArray) features, new Shape(target.get(2), target.get(3)));
        }
        long n = target.get(0);
        long channels = target.get(1);
        return new NDList(features.transpose(0, 2, 3, 1).reshape(n, -1, channels)); // (n, pixels, c)
    }

    private Shape pooledShape(Shape features) {
        return new Shape(features.get(0), features.get(1), encodedImageSize, encodedImageSize);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape pooled = pooledShape(trunk.getOutputShapes(inputShapes)[0]);
        return new Shape[] {new Shape(pooled.get(0), pooled.get(2) * pooled.get(3), pooled.get(1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        trunk.initialize(manager, dataType, inputShapes);
    }
}
