package dev.banyan.cli;

import dev.banyan.api.ModelException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The {@code banyan} command's entry point. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command line in this process, writing to {@code out} and {@code err}.
     *
     * @return the exit code: 0 on success, 1 when the command failed, 2 for a usage error
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        // Charts are drawn off-screen; without this a machine with no display may refuse to load AWT.
        System.setProperty("java.awt.headless", "true");
        CommandLine commandLine = new CommandLine(new BanyanCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setParameterExceptionHandler((ex, args1) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println(failed.getCommandSpec().qualifiedName() + ": " + ex.getMessage());
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        commandLine.setExecutionExceptionHandler((ex, failed, parseResult) -> {
            String name = failed.getCommandSpec().qualifiedName();
            Throwable cause = rootCause(ex instanceof ProblemFailure ? ex.getCause() : ex);
            if (isUserFacing(cause)) {
                failed.getErr().println(name + ": " + (ex instanceof ProblemFailure ? ex : cause).getMessage());
            } else {
                failed.getErr().println(name + ": unexpected failure: " + ex);
                ex.printStackTrace(failed.getErr());
            }
            return failed.getCommandSpec().exitCodeOnExecutionException();
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** The failure inside the wrappers that asynchronous model calls and worker threads add. */
    static Throwable rootCause(Throwable ex) {
        Throwable at = ex;
        while ((at instanceof CompletionException || at instanceof ExecutionException) && at.getCause() != null) {
            at = at.getCause();
        }
        return at;
    }

    /** Failures whose message says all a user needs: bad input, a bad model, a missing feature, a file error. */
    private static boolean isUserFacing(Throwable ex) {
        return ex instanceof UserError || ex instanceof ModelException || ex instanceof IllegalArgumentException
                || ex instanceof UnsupportedOperationException || ex instanceof UncheckedIOException;
    }
}
