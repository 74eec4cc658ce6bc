package io.jenkins.plugins.remotejobs.local.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Whether {@code --home} can hold a run's state, said in words a user can act on. */
final class HomeCheck {

    private HomeCheck() {}

    /** Creates the home if needed; {@code null} when it is a writable directory, else what is wrong with it. */
    static String problem(Path home) {
        if (Files.exists(home) && !Files.isDirectory(home)) {
            return "it exists and is not a directory";
        }
        try {
            Files.createDirectories(home);
        } catch (FileAlreadyExistsException e) {
            return "a part of it, " + e.getFile() + ", exists and is not a directory";
        } catch (AccessDeniedException e) {
            return "permission denied on " + e.getFile();
        } catch (NoSuchFileException e) {
            return "no directory can be created there (" + e.getFile() + ")";
        } catch (FileSystemException e) {
            return e.getReason() != null ? e.getReason() + " (" + e.getFile() + ")" : "cannot create " + e.getFile();
        } catch (IOException e) {
            return "cannot create it (" + e.getMessage() + ")";
        }
        if (!Files.isWritable(home)) {
            return "it is not writable";
        }
        return null;
    }
}
