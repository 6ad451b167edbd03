package org.xbarsim.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbarsim.UserInputException;
import org.xbarsim.arch.CrossbarGeometry;
import org.xbarsim.arch.SignedEncoding;
import org.xbarsim.model.Activation;
import org.xbarsim.model.Dense;
import org.xbarsim.model.IntModel;
import org.xbarsim.model.IntVector;
import org.xbarsim.model.Requant;
import org.xbarsim.model.Shape;

/** A hidden layer with signed outputs cannot feed a crossbar: refused before anything is placed. */
class SignedInputsTest {
    private static Dense dense(String name, int in, int out, Activation act) {
        return new Dense(name, in, out, 8, IntVector.wrap(new int[in * out]), IntVector.wrap(new int[out]),
                List.of(Requant.shiftOnly(0)), act, 8, null);
    }

    private static IntModel model(Activation hidden) {
        return TestModels.model("m", new Shape(4, 1, 1), dense("fc1", 4, 3, hidden), dense("fc2", 3, 2, Activation.NONE));
    }

    @Test
    void aSignedHiddenLayerIsNamedWithTheLayerItFeeds() {
        List<String> p = Mapper.signedInputs(model(Activation.NONE));
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("layer 'fc1' has activation none") && p.get(0).contains("'fc2'"), p.get(0));
        assertEquals(List.of(), Mapper.signedInputs(model(Activation.RELU)), "a signed last layer (the logits) is fine");
    }

    @Test
    void theMapperRefusesIt() {
        MappingTarget t = new MappingTarget(new CrossbarGeometry(128, 128, 2, 8, SignedEncoding.DIFFERENTIAL), 4, 8,
                MappingTarget.TilePacking.SHARED, false);
        UserInputException e = assertThrows(UserInputException.class, () -> Mapper.map(model(Activation.NONE), t));
        assertTrue(e.getMessage().contains("unsigned inputs"), e.getMessage());
        assertEquals(2, Mapper.map(model(Activation.RELU), t).layers().size());
    }
}
