package io.jenkins.plugins.remotejobs.remoting;

import hudson.FilePath;
import hudson.model.Node;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.remotejobs.protocol.JobCacheException;
import io.jenkins.plugins.remotejobs.protocol.StreamName;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.logging.Logger;
import jenkins.MasterToSlaveFileCallable;
import jenkins.model.Jenkins;

/**
 * A kept job's output appended to a file on the agent that holds the job: the agent copies it from
 * its job cache into the file, file to file, and only the count of bytes crosses the channel.
 */
public final class CopyOnAgent {

    private static final Logger LOG = Logger.getLogger(CopyOnAgent.class.getName());

    private CopyOnAgent() {}

    /**
     * Appends {@code [from, to)} of a stream of job {@code instanceId}, or as much of it as exists,
     * from the job cache of {@code nodeName} to {@code file}, which is on that node.
     *
     * @return the bytes appended
     * @throws JobCacheException when the job cache refuses (no such job, a bad range)
     * @throws IOException when the node is not connected or the file cannot be written
     */
    public static long append(FilePath file, String nodeName, String instanceId, StreamName stream, long from, long to)
            throws IOException, InterruptedException {
        Node node = Jenkins.get().getNode(nodeName);
        FilePath root = node == null ? null : node.getRootPath();
        if (root == null) {
            throw new IOException("agent " + nodeName + " is not connected");
        }
        try {
            long copied = file.act(new Append(JenkinsAgentDirectory.cacheRoot(root), instanceId, stream, from, to));
            LOG.fine(() -> "copied " + copied + " bytes of " + stream.label() + " of job " + instanceId + " into "
                    + file.getRemote() + " on " + nodeName);
            return copied;
        } catch (IOException e) {
            // FilePath wraps what the agent threw; a refusal of the cache is said as the cache said it.
            if (e.getCause() instanceof JobCacheException refused) {
                throw refused;
            }
            throw e;
        }
    }

    /**
     * On the agent: appends from the job cache of {@code root}, found as every call finds it. The
     * cache reads only the job's own stream; the file written is the one the controller named.
     */
    static final class Append extends MasterToSlaveFileCallable<Long> {
        private static final long serialVersionUID = 1L;
        private final String root;
        private final String instanceId;
        private final StreamName stream;
        private final long from;
        private final long to;

        Append(String root, String instanceId, StreamName stream, long from, long to) {
            this.root = root;
            this.instanceId = instanceId;
            this.stream = stream;
            this.from = from;
            this.to = to;
        }

        @Override
        public Long invoke(File file, VirtualChannel channel) throws IOException {
            // Positioned at the end rather than opened to append: an appending target makes the
            // JDK fall back from a file-to-file copy to copying through a buffer.
            try (FileChannel target = FileChannel.open(file.toPath(), StandardOpenOption.WRITE)) {
                target.position(target.size());
                return AgentCaches.open(root).copyOutput(instanceId, stream, from, to, target);
            }
        }
    }
}
