package dev.banyan.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the real command-line entry point in this process and captures what it printed. */
final class Cli {
    /** The shipped simulated model, from the project root that the build passes in. */
    static final Path SIMULATED = root().resolve("models/simulated");

    private Cli() {
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static Path root() {
        String root = System.getProperty("banyan.root");
        return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
    }
}
