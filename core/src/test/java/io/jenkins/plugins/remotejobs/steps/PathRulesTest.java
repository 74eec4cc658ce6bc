package io.jenkins.plugins.remotejobs.steps;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/srv", "\\\\server\\share", "C:\\x", "z:/x"})
    void absolutePathsOfEverySystemLookAbsolute(String path) {
        assertThat(PathRules.looksAbsolute(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "./x", "C:", "C:x", "1:/x", "~"})
    void relativeAndDriveRelativePathsDoNot(String path) {
        assertThat(PathRules.looksAbsolute(path)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "a/b/c.log", "./x", "a/./b", "...", "a..b/c", ".hidden"})
    void workspaceFilesStayInside(String path) {
        assertThat(PathRules.workspaceFileProblem(path)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "a/../b", "a/..", "/x", "C:x", "C:/x", "a\\b", "a/", ".", "a/."})
    void workspaceFileEscapesAndFoldersAreRefused(String path) {
        assertThat(PathRules.workspaceFileProblem(path)).isNotNull();
    }
}
