package io.jenkins.plugins.remotejobs.controller;

/**
 * What a receive returned: the text (null when written to a file) and the number of bytes received.
 */
public record ReceiveResult(String text, long bytes) {}
