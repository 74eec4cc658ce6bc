// Declaration of org.kohsuke:access-modifier-annotation 1.35,
// access-modifier-annotation/src/main/java/org/kohsuke/accmod/AccessRestriction.java — signatures only.
package org.kohsuke.accmod;

// Its abstract checker callbacks are not used by the plugin.
public abstract class AccessRestriction {}
