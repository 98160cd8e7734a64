package dev.robucap.common.jpeg;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.robucap.common.jpeg.Jpeg.Implementation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/** Runs JPEG tests through both codecs; native cases are skipped, with the reason, where the library is missing. */
final class Implementations {

    private Implementations() {
    }

    static List<Implementation> both() {
        return List.of(Implementation.JAVA, Implementation.NATIVE);
    }

    /** Every case once per implementation, the implementation first. */
    static List<Arguments> times(List<?> cases) {
        List<Arguments> arguments = new ArrayList<>();
        for (Implementation implementation : both()) {
            for (Object c : cases) {
                arguments.add(Arguments.of(implementation, c));
            }
        }
        return arguments;
    }

    static void assumeRunnable(Implementation implementation) {
        if (implementation == Implementation.NATIVE) {
            assumeNative();
        }
    }

    static void assumeNative() {
        assumeTrue(NativeJpeg.isAvailable(), () -> "native JPEG path not available: " + NativeJpeg.unavailableReason());
    }
}
