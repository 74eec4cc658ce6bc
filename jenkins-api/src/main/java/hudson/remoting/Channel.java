// Declaration of org.jenkins-ci.main:remoting 3355.3357.v931d3c992987,
// src/main/java/hudson/remoting/Channel.java — signatures only.
// Checked against jenkinsci/remoting master (these members are unchanged across the 3355.x line).
package hudson.remoting;

import java.io.IOException;

// Real header: public class Channel implements VirtualChannel, IChannel, Closeable.
public class Channel {
    private Channel() {
        throw new UnsupportedOperationException("declaration only");
    }

    public static Channel current() {
        throw new UnsupportedOperationException("declaration only");
    }

    public Object getProperty(Object key) {
        throw new UnsupportedOperationException("declaration only");
    }

    public Object setProperty(Object key, Object value) {
        throw new UnsupportedOperationException("declaration only");
    }

    public boolean isClosingOrClosed() {
        throw new UnsupportedOperationException("declaration only");
    }

    public void addListener(Listener l) {
        throw new UnsupportedOperationException("declaration only");
    }

    public boolean removeListener(Listener l) {
        throw new UnsupportedOperationException("declaration only");
    }

    public abstract static class Listener {
        public void onClosed(Channel channel, IOException cause) {}
    }
}
