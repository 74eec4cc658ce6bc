// Declaration of org.jenkins-ci.plugins:structs 362.va_b_695ef4fdf9,
// src/main/java/org/jenkinsci/plugins/structs/describable/DescribableModel.java — signatures only.
// Checked against jenkinsci/structs-plugin commit 1db2a48.
package org.jenkinsci.plugins.structs.describable;

import java.io.Serializable;

public final class DescribableModel<T> implements Serializable {
    public DescribableModel(Class<T> clazz) {
        throw new UnsupportedOperationException("declaration only");
    }

    public static <T> DescribableModel<T> of(Class<T> clazz) {
        throw new UnsupportedOperationException("declaration only");
    }
}
