// Declaration of org.jenkins-ci.plugins:structs 362.va_b_695ef4fdf9,
// src/main/java/org/jenkinsci/plugins/structs/describable/UninstantiatedDescribable.java — signatures only.
// Checked against jenkinsci/structs-plugin commit 1db2a48.
package org.jenkinsci.plugins.structs.describable;

import java.io.Serializable;
import java.util.Map;

public class UninstantiatedDescribable implements Serializable {
    public UninstantiatedDescribable(Map<String, ?> arguments) {
        throw new UnsupportedOperationException("declaration only");
    }

    public void setModel(DescribableModel model) {
        throw new UnsupportedOperationException("declaration only");
    }
}
