package io.txmon.service.durability;

import io.txmon.storage.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Crash recovery on the embedded H2, the default engine, with the URL as a user gives it: no settings of its own. */
class H2CrashRecoveryIT extends CrashRecovery {
    @TempDir
    Path folder;

    @Override
    String engine() {
        return "H2";
    }

    @Override
    String databaseUrl() {
        return TestDatabase.h2Url(folder);
    }
}
