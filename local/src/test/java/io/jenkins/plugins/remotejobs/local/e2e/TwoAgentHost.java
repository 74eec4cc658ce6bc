package io.jenkins.plugins.remotejobs.local.e2e;

import io.jenkins.plugins.remotejobs.controller.model.Limits;
import io.jenkins.plugins.remotejobs.local.LocalHost;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one host set-up the end-to-end tests share: a local host with two real agent JVMs in a
 * fresh home per test class, and a script fixture on it; every job still running is stopped and
 * the host closed after the class.
 */
public abstract class TwoAgentHost {

    @TempDir
    protected static Path tmp;

    protected static LocalHost host;
    protected static ScriptFixture scripts;

    @BeforeAll
    static void startHost() throws Exception {
        host = LocalHost.start(tmp.resolve("home"), 2, Limits.defaults());
        scripts = new ScriptFixture(host, tmp);
    }

    @AfterAll
    static void stopHost() throws Exception {
        scripts.stopEverything();
        host.close();
    }
}
