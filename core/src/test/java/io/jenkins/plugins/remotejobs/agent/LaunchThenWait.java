package io.jenkins.plugins.remotejobs.agent;

import io.jenkins.plugins.remotejobs.protocol.LaunchRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A stand-in agent JVM for tests that kill one: opens the cache at args[0], launches a job
 * (id args[1], shell args[2], script args[3]), prints "launched" and serves until it is killed or
 * its standard input ends.
 */
public final class LaunchThenWait {

    private LaunchThenWait() {}

    public static void main(String[] args) throws Exception {
        JobCache cache = JobCache.open(Path.of(args[0]), Duration.ofSeconds(2));
        cache.launch(new LaunchRequest(args[1], "killed-agent", args[2], args[3], null, List.of(), 0, false));
        System.out.println("launched");
        System.out.flush();
        while (System.in.read() >= 0) {
            // serves until killed, or until its standard input ends
        }
        cache.close();
    }
}
