// Declaration of org.jenkins-ci.plugins:script-security 1412.v7737b_3405f86,
// src/main/java/org/jenkinsci/plugins/scriptsecurity/sandbox/whitelists/Whitelisted.java — signatures only.
// Checked against jenkinsci/script-security-plugin commit a5f0130a (build 1408, 2026-06-16); this file is
// unchanged there since 2014. The 1412 release commit itself was not available.
package org.jenkinsci.plugins.scriptsecurity.sandbox.whitelists;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

// Its member restricted() (default false) is not used by the plugin.
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
public @interface Whitelisted {}
