package dev.robucap.ml.caption;

import static dev.robucap.ml.caption.TorchReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One step of {@link LstmCell} against torch.nn.LSTMCell (lstm.json), and torch's initialisation bounds. */
class LstmCellMatchesTorchTest {

    private static final JsonNode REFERENCE = TorchReference.load("lstm.json");

    @Test
    void aStepAndItsGradientsEqualTorchsLstmCell() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LstmCell cell = new LstmCell(5, 3);
            Shape state = new Shape(2, 3);
            cell.initialize(manager, DataType.FLOAT32, new Shape(2, 5), state, state);
            TorchReference.setParameters(cell, REFERENCE.get("params"));
            NDList out;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                out = cell.step(new ParameterStore(manager, false), TorchReference.array(REFERENCE.get("x"), manager),
                        TorchReference.array(REFERENCE.get("h"), manager),
                        TorchReference.array(REFERENCE.get("c"), manager), true);
                collector.backward(out.get(0).mul(out.get(1)).sum());
            }
            assertClose(REFERENCE.get("h_next").get("values"), out.get(0).toFloatArray(), 1e-6, "h'");
            assertClose(REFERENCE.get("c_next").get("values"), out.get(1).toFloatArray(), 1e-6, "c'");
            List<Parameter> parameters = cell.getParameters().values();
            for (int i = 0; i < parameters.size(); i++) {
                JsonNode grad = REFERENCE.get("grads").get(i);
                assertClose(grad.get("values"), parameters.get(i).getArray().getGradient().toFloatArray(), 1e-6,
                        "gradient of " + grad.get("name").asText());
            }
        }
    }

    @Test
    void parametersStartUniformWithinOneOverRootHidden() {
        try (NDManager manager = NDManager.newBaseManager()) {
            LstmCell cell = new LstmCell(40, 16);
            Shape state = new Shape(1, 16);
            cell.initialize(manager, DataType.FLOAT32, new Shape(1, 40), state, state);
            for (Parameter p : cell.getParameters().values()) {
                NDArray values = p.getArray();
                assertTrue(values.abs().max().getFloat() <= 0.25f, p.getName());
                assertTrue(values.abs().max().getFloat() > 0.2f, p.getName() + " spans the range");
            }
        }
    }
}
