package dev.robucap.cli.local;

import java.io.IOException;

/** A stage service a local run sends tasks to: started by the run, or found running. */
public interface LocalService extends AutoCloseable {

    String name();

    /** Throws, saying why and where to look, when the service is no longer there to run tasks. */
    void checkAlive() throws IOException;

    @Override
    void close();
}
