package io.jenkins.plugins.remotejobs.steps;

import java.util.Locale;

/** The interpreters {@code remoteJob} can run a script with ({@code shell:}). */
public enum Shell {
    SH,
    BAT,
    POWERSHELL,
    PWSH;

    /** The name users write and the agent protocol carries: {@code sh}, {@code bat}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
