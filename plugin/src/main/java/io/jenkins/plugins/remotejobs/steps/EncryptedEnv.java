package io.jenkins.plugins.remotejobs.steps;

import hudson.util.Secret;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A step's {@code env:} values as its execution keeps them across a controller restart: encrypted
 * with the controller's own key, as Jenkins keeps credentials, so that the build's program.dat never
 * holds them in plain text. They come back only to be handed to the job's process.
 */
final class EncryptedEnv implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> encrypted;

    private EncryptedEnv(List<String> encrypted) {
        this.encrypted = encrypted;
    }

    /** The {@code env:} argument as the step got it (validated: a list of {@code NAME=value}), encrypted. */
    static EncryptedEnv of(List<?> env) {
        List<String> encrypted = new ArrayList<>(env.size());
        for (Object entry : env) {
            encrypted.add(Secret.fromString(String.valueOf(entry)).getEncryptedValue());
        }
        return new EncryptedEnv(List.copyOf(encrypted));
    }

    /**
     * The values again.
     *
     * @throws IllegalStateException when one cannot be decrypted (the controller's secret key was
     *     replaced since the step began): the job is not started without them
     */
    List<String> values() {
        List<String> values = new ArrayList<>(encrypted.size());
        for (String e : encrypted) {
            Secret secret = Secret.decrypt(e);
            if (secret == null) {
                throw new IllegalStateException("remoteJob: the env: values of this step cannot be decrypted after the"
                        + " controller's restart (its secret key changed), so the job is not started: run the build"
                        + " again");
            }
            values.add(secret.getPlainText());
        }
        return values;
    }
}
