package dev.banyan.engine;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.EnumSet;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the model runs: {@code cpu}, or {@code cuda} / {@code cuda:N} for ONNX Runtime's CUDA execution
 * provider on GPU {@code N} (0 by default).
 *
 * @param cudaIndex the GPU index, or -1 for the CPU
 */
public record Device(int cudaIndex) {
    public static final Device CPU = new Device(-1);
    private static final Pattern CUDA = Pattern.compile("cuda(?::(\\d{1,4}))?");

    /** Parses {@code cpu}, {@code cuda} or {@code cuda:N} (case-insensitive, surrounding blanks ignored). */
    public static Device parse(String text) {
        String name = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (name.equals("cpu")) {
            return CPU;
        }
        Matcher cuda = CUDA.matcher(name);
        if (cuda.matches()) {
            return new Device(cuda.group(1) == null ? 0 : Integer.parseInt(cuda.group(1)));
        }
        throw new IllegalArgumentException("device must be cpu, cuda or cuda:N (N a GPU index), was '" + text + "'");
    }

    boolean isCuda() {
        return cudaIndex >= 0;
    }

    /** Adds this device's execution provider to {@code options}; fails clearly when this build lacks CUDA. */
    void configure(OrtSession.SessionOptions options, EnumSet<OrtProvider> available) {
        if (!isCuda()) {
            return;
        }
        if (!available.contains(OrtProvider.CUDA)) {
            throw new IllegalStateException(unavailable("this build's ONNX Runtime has no CUDA execution provider"
                    + " (available: " + available + ")"));
        }
        try {
            options.addCUDA(cudaIndex);
        } catch (OrtException e) {
            throw new IllegalStateException(unavailable("ONNX Runtime could not start its CUDA execution provider on GPU "
                    + cudaIndex + ": " + e.getMessage()), e);
        }
    }

    /** {@link #configure(OrtSession.SessionOptions, EnumSet)} with the providers of the loaded runtime. */
    void configure(OrtSession.SessionOptions options) {
        configure(options, OrtEnvironment.getAvailableProviders());
    }

    private String unavailable(String why) {
        return "device " + this + " requested, but " + why + ". Build with the CUDA runtime: mvn -Pcuda ... "
                + "(it swaps com.microsoft.onnxruntime:onnxruntime for onnxruntime_gpu), and run on a host with "
                + "CUDA 12 and cuDNN 9.";
    }

    @Override
    public String toString() {
        return isCuda() ? "cuda:" + cudaIndex : "cpu";
    }
}
