package io.jenkins.plugins.remotejobs.local.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;

/**
 * Turns an agent's stub into one line of text and back. The agent prints the line; the controller
 * reads it through the stub allow-list, handing the run's secret to the stub's socket factory on the
 * way, so the secret never travels with the stub.
 */
final class StubCodec {

    private StubCodec() {}

    static String encode(RemoteJobCache stub) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(stub);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /**
     * Reads a stub. Reading registers it with RMI's distributed garbage collector, which makes one
     * call to the agent, so this also proves the agent answers and knows the secret.
     */
    static RemoteJobCache decode(String encoded, AgentSecret secret) throws IOException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IOException("the agent's stub is not Base64 text", e);
        }
        try (ObjectInputStream in = new Reader(new ByteArrayInputStream(bytes), secret)) {
            if (in.readObject() instanceof RemoteJobCache stub) {
                return stub;
            }
            throw new IOException("the agent's ready line does not hold a job cache stub");
        } catch (ClassNotFoundException e) {
            throw new IOException("the agent's stub names an unknown class", e);
        }
    }

    private static final class Reader extends ObjectInputStream {

        private final AgentSecret secret;

        Reader(InputStream in, AgentSecret secret) throws IOException {
            super(in);
            this.secret = secret;
            setObjectInputFilter(SerialFilters.stub());
            enableResolveObject(true);
        }

        @Override
        protected Object resolveObject(Object obj) {
            return obj instanceof LoopbackClientSocketFactory factory ? factory.withSecret(secret) : obj;
        }
    }
}
