package io.jenkins.plugins.remotejobs.compilecheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** Every view and help file is well-formed XHTML; every view escapes by default and runs no script. */
class ViewsAreSafeTest {

    @Test
    void everyJellyViewAndHelpFileIsWellFormed() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var files = new java.util.ArrayList<Path>(PluginFiles.resources(".jelly"));
        files.addAll(PluginFiles.resources(".html"));
        assertThat(files).hasSizeGreaterThan(40);
        for (Path file : files) {
            assertThatCode(() -> factory.newDocumentBuilder().parse(file.toFile()))
                    .as(file.toString())
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void everyJellyFileEscapesByDefault() throws Exception {
        for (Path file : PluginFiles.resources(".jelly")) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(text).as(file.toString()).startsWith("<?jelly escape-by-default='true'?>");
        }
    }

    /** Jelly reads {@code ${%Text(a,b)}} as a message with arguments: brackets, commas and quotes break it. */
    @Test
    void localizedTextsAreKeysJellyCanParse() throws Exception {
        java.util.regex.Pattern localized = java.util.regex.Pattern.compile("\\$\\{%([^}]*)}");
        for (Path file : PluginFiles.resources(".jelly")) {
            var m = localized.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                assertThat(m.group(1)).as(file + ": ${%" + m.group(1) + "}").doesNotContain("(", ")", ",", "'");
            }
        }
    }

    @Test
    void noViewOrHelpFileCarriesScriptOrRawOutput() throws Exception {
        var files = new java.util.ArrayList<Path>(PluginFiles.resources(".jelly"));
        files.addAll(PluginFiles.resources(".html"));
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
            assertThat(text)
                    .as(file.toString())
                    .doesNotContain("<script")
                    .doesNotContain(" onclick=")
                    .doesNotContain("j:out")
                    .doesNotContain("escapetext=\"false\"");
        }
    }
}
