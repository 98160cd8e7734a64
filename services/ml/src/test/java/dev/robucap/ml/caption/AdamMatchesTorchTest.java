package dev.robucap.ml.caption;

import static dev.robucap.ml.caption.TorchReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two training steps as the tutorial's train.py takes them (backward, clip every gradient element, one Adam step per
 * group: decoder at 4e-4, the encoder output as a trainable stand-in for the encoder at 1e-4), against
 * torch.optim.Adam in decoder.json.
 */
class AdamMatchesTorchTest {

    private static final JsonNode REFERENCE = TorchReference.load("decoder.json");
    private static final JsonNode ADAM = REFERENCE.get("adam");
    /**
     * The softmax over the pixels does not change when full_att's bias shifts every score: its gradient is zero up to
     * rounding (−2e-9 in torch), and Adam's normalised step turns that noise into steps of up to lr either way. Only
     * the bound of an Adam step is checked for it.
     */
    private static final String SHIFT_INVARIANT = "attention.full_att.bias";

    @Test
    void twoClippedStepsOfTwoGroupsEqualTorchOptimAdams() {
        try (NDManager manager = NDManager.newBaseManager()) {
            AttentionDecoder decoder = TorchReference.decoder(REFERENCE, 0, manager);
            Parameter encoderOut = leaf(manager);
            List<Parameter> decoderParameters = decoder.getParameters().values();
            Adam decoderAdam = new Adam(manager, decoderParameters, ADAM.get("decoder_lr").asDouble());
            Adam encoderAdam = new Adam(manager, List.of(encoderOut), ADAM.get("encoder_lr").asDouble());
            for (int step = 0; step < 2; step++) {
                float loss = step(decoder, encoderOut, decoderAdam, encoderAdam, manager);
                assertClose(ADAM.get("losses").get(step).asDouble(), loss, 1e-6, "loss of step " + step);
            }
            assertEquals(2, decoderAdam.steps());
            for (int i = 0; i < decoderParameters.size(); i++) {
                String name = ADAM.get("params").get(i).get("name").asText();
                float[] after = decoderParameters.get(i).getArray().toFloatArray();
                if (name.equals(SHIFT_INVARIANT)) {
                    float before = (float) REFERENCE.get("params").get(i).get("values").get(0).asDouble();
                    assertEquals(before, after[0], 2 * ADAM.get("decoder_lr").asDouble() + 1e-7, name);
                } else {
                    assertClose(ADAM.get("params").get(i).get("values"), after, 1e-6, name + " after two steps");
                }
                JsonNode moments = ADAM.get("moments").get(i);
                assertClose(moments.get("exp_avg"), decoderAdam.state().firstMoments().get(i), 1e-6, name + " m");
                assertClose(moments.get("exp_avg_sq"), decoderAdam.state().secondMoments().get(i), 1e-6,
                        name + " v");
            }
            assertClose(ADAM.get("encoder_out").get("values"), encoderOut.getArray().toFloatArray(), 1e-6,
                    "encoder output after two steps");
        }
    }

    @Test
    void anOptimiserRestoredFromItsStateTakesTheSameNextStep() {
        try (NDManager manager = NDManager.newBaseManager()) {
            AttentionDecoder decoder = TorchReference.decoder(REFERENCE, 0, manager);
            Parameter encoderOut = leaf(manager);
            List<Parameter> parameters = decoder.getParameters().values();
            Adam decoderAdam = new Adam(manager, parameters, 4e-4);
            Adam encoderAdam = new Adam(manager, List.of(encoderOut), 1e-4);
            step(decoder, encoderOut, decoderAdam, encoderAdam, manager);
            step(decoder, encoderOut, decoderAdam, encoderAdam, manager);
            List<float[]> before = values(parameters);
            float[] encoderBefore = encoderOut.getArray().toFloatArray();
            Adam.State decoderState = decoderAdam.state();
            Adam.State encoderState = encoderAdam.state();
            step(decoder, encoderOut, decoderAdam, encoderAdam, manager);
            List<float[]> expected = values(parameters);

            for (int i = 0; i < parameters.size(); i++) {
                parameters.get(i).getArray().set(before.get(i));
            }
            encoderOut.getArray().set(encoderBefore);
            Adam restoredDecoder = new Adam(manager, parameters, 4e-4);
            restoredDecoder.restore(decoderState);
            Adam restoredEncoder = new Adam(manager, List.of(encoderOut), 1e-4);
            restoredEncoder.restore(encoderState);
            step(decoder, encoderOut, restoredDecoder, restoredEncoder, manager);
            assertEquals(3, restoredDecoder.steps());
            List<float[]> actual = values(parameters);
            for (int i = 0; i < parameters.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), "parameter " + i + " bit for bit");
            }
        }
    }

    @Test
    void trainingStepsLeaveNoArraysBehind() {
        try (NDManager manager = NDManager.newBaseManager()) {
            AttentionDecoder decoder = TorchReference.decoder(REFERENCE, 0.5, manager);
            Adam adam = new Adam(manager, decoder.getParameters().values(), 4e-4);
            int before = manager.getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                try (NDManager step = manager.newSubManager()) {
                    NDArray encoderOut = TorchReference.array(REFERENCE.get("encoder_out"), step);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        TeacherForced out = decoder.teacherForce(new ParameterStore(step, false), encoderOut,
                                AttentionDecoderMatchesTorchTest.captions(), AttentionDecoderMatchesTorchTest.lengths(),
                                true);
                        collector.backward(CaptionLoss.of(out, 1.0).loss());
                    }
                    Adam.clipElementwise(adam.parameters(), 5, step);
                    adam.step(step);
                }
                assertEquals(before, manager.getManagedArrays().size(), "arrays after step " + i);
            }
        }
    }

    @Test
    void clippingClampsEveryGradientElementFromBothSides() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                    .optArray(manager.create(new float[] {1, 1, 1, 1})).build();
            p.getArray().setRequiresGradient(true);
            NDArray constant = manager.create(new float[] {-7, -2, 3, 9});
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(p.getArray().mul(constant).sum()); // gradient = constant
            }
            try (NDManager step = manager.newSubManager()) {
                Adam.clipElementwise(List.of(p), 5, step);
            }
            assertArrayEquals(new float[] {-5, -2, 3, 5}, p.getArray().getGradient().toFloatArray());
        }
    }

    private static float step(AttentionDecoder decoder, Parameter encoderOut, Adam decoderAdam, Adam encoderAdam,
            NDManager manager) {
        try (NDManager step = manager.newSubManager()) {
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                TeacherForced out = decoder.teacherForce(new ParameterStore(step, false), encoderOut.getArray(),
                        AttentionDecoderMatchesTorchTest.captions(), AttentionDecoderMatchesTorchTest.lengths(), true);
                NDArray value = CaptionLoss.of(out, 1.0).loss();
                value.attach(step);
                collector.backward(value);
                loss = value.getFloat();
            }
            List<Parameter> all = new ArrayList<>(decoderAdam.parameters());
            all.add(encoderOut);
            Adam.clipElementwise(all, ADAM.get("grad_clip").asDouble(), step);
            decoderAdam.step(step);
            encoderAdam.step(step);
            return loss;
        }
    }

    private static Parameter leaf(NDManager manager) {
        Parameter encoderOut = Parameter.builder().setName("encoderOut").setType(Parameter.Type.WEIGHT)
                .optArray(TorchReference.array(REFERENCE.get("encoder_out"), manager)).build();
        encoderOut.getArray().setRequiresGradient(true);
        return encoderOut;
    }

    private static List<float[]> values(List<Parameter> parameters) {
        return parameters.stream().map(p -> p.getArray().toFloatArray()).toList();
    }
}
