// Declaration of org.kohsuke:access-modifier-annotation 1.35,
// access-modifier-annotation/src/main/java/org/kohsuke/accmod/restrictions/NoExternalUse.java — signatures only.
package org.kohsuke.accmod.restrictions;

import org.kohsuke.accmod.AccessRestriction;

// Real header: public class NoExternalUse extends DoNotUse (DoNotUse extends AccessRestriction).
public class NoExternalUse extends AccessRestriction {}
