// Declaration of org.jenkins-ci.main:jenkins-core 2.568.2, core/src/main/java/hudson/FilePath.java — signatures only.
package hudson;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;

// Real header: public final class FilePath implements SerializableOnlyOverRemoting.
public final class FilePath {
    // The real constructors are not used by the plugin; this one only stops javac from adding a public
    // default constructor that the real class does not have.
    private FilePath() {
        throw new UnsupportedOperationException("declaration only");
    }

    public boolean isRemote() {
        throw new UnsupportedOperationException("declaration only");
    }

    public hudson.model.Computer toComputer() {
        throw new UnsupportedOperationException("declaration only");
    }

    public VirtualChannel getChannel() {
        throw new UnsupportedOperationException("declaration only");
    }

    public String getRemote() {
        throw new UnsupportedOperationException("declaration only");
    }

    public void mkdirs() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("declaration only");
    }

    public String getName() {
        throw new UnsupportedOperationException("declaration only");
    }

    public FilePath child(String relOrAbsolute) {
        throw new UnsupportedOperationException("declaration only");
    }

    public FilePath getParent() {
        throw new UnsupportedOperationException("declaration only");
    }

    public FilePath createTempFile(final String prefix, final String suffix) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("declaration only");
    }

    public boolean delete() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("declaration only");
    }

    public OutputStream write() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("declaration only");
    }

    public void renameTo(final FilePath target) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("declaration only");
    }

    public <T> T act(final FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException("declaration only");
    }

    // Real header: public interface FileCallable<T> extends Serializable, RoleSensitive.
    public interface FileCallable<T> extends Serializable {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }
}
