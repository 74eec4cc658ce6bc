package io.jenkins.plugins.remotejobs.local.runner;

import io.jenkins.plugins.remotejobs.local.runner.ScriptRunner.ScriptFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A script file's text: UTF-8, as Jenkins reads a Jenkinsfile, or a failure saying where it is not. */
final class ScriptText {

    private ScriptText() {}

    static String read(Path script) throws ScriptFailure {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(script);
        } catch (IOException e) {
            throw new ScriptFailure("cannot read " + script + ": " + e.getMessage());
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(in)
                    .toString();
        } catch (CharacterCodingException e) {
            // The decoder stops at the first byte it cannot take.
            int bad = in.position();
            int line = 1;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new ScriptFailure("cannot read " + script + ": line " + line + " is not UTF-8 (byte 0x"
                    + String.format("%02X", bytes[bad] & 0xff) + "); save the script as UTF-8");
        }
    }
}
