package dev.robucap.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link Devstack} into test constructors and methods. One devstack per test JVM, started on first use
 * in a temporary directory and closed when the whole run ends (it lives in the root context's store), so test
 * classes share it: use unique keys and topic or group names per test.
 *
 * <pre>{@code
 * @ExtendWith(DevstackExtension.class)
 * class MyTest {
 *     @Test void works(Devstack devstack) { ... devstack.kafkaBootstrapServers() ... }
 * }
 * }</pre>
 */
public final class DevstackExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DevstackExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Devstack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Shared.class, key -> new Shared(), Shared.class)
                .devstack;
    }

    /** Closed by JUnit (6, or 5.13+) with the root store, at the end of the run. */
    private static final class Shared implements AutoCloseable {

        private final Devstack devstack;

        Shared() {
            try {
                devstack = Devstack.start(Files.createTempDirectory("robucap-devstack"));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the devstack's directory", e);
            }
        }

        @Override
        public void close() {
            devstack.close();
        }
    }
}
